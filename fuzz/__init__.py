"""Fuzzing argmap's readers: targets, seed corpora and a coverage-guided driver."""
