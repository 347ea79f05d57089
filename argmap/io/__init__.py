"""Reading and writing debate files, with the source position of every value."""
