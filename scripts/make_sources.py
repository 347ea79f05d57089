"""Write debates/sources/staff-survey.pdf: the invented staff survey of the school-phones
teaching case, printed to a three-page A4 PDF by headless Chromium.

    .venv/bin/python scripts/make_sources.py

The PDF is committed; this script is how it was made (and how to change it). The other
documents of the case (HTML, Markdown, text) are written by hand in debates/sources/.
"""

from __future__ import annotations

import sys
from pathlib import Path

from argmap.exporters.brief_pdf import page_rule, print_pdf
from argmap.paper import Paper

ROOT = Path(__file__).resolve().parent.parent

SURVEY = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Northgate staff survey on phones, summer term 2025</title>
<style>
@RULE@
body { font: 11pt/1.5 "DejaVu Serif", serif; }
h1 { font-size: 18pt; } h2 { font-size: 13pt; margin-top: 1.5em; }
.page { break-before: page; }
.note { font-style: italic; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: .2em .6em; }
</style></head><body>
<p class="note">An invented document: part of the argmap teaching case "Smartphones at
Northgate School". The school, its people and their figures are made up for class use.</p>
<h1>Northgate School: staff survey on phones, summer term 2025</h1>
<p>Published 1 July 2025 by the senior leadership team.</p>
<h2>Summary</h2>
<p>All 84 teaching staff were invited to answer twelve questions in June 2025; 63
answered (75%). The survey asked how often phones disrupt lessons, what staff see at
breaks, and which rule staff would prefer. The results by question follow on page 2;
the school's policy note, the office log and the equipment list are on page 3.</p>
<p>Staff see phones as a problem in lessons much more than at breaks. They are divided
on what the rule should be.</p>

<div class="page">
<h2>Results by question</h2>
<p><strong>Question 4.</strong> How often do phones disrupt your lessons? 71% of teachers
say phones disrupt at least one lesson a day; 18% say about once a week; 11% rarely or
never.</p>
<p><strong>Question 6.</strong> Should students be allowed to use phones in lessons for
tasks a teacher sets? 48% would allow phones for some tasks, 52% would not.</p>
<p><strong>Question 9.</strong> Of the bullying incidents you reported this year, how many
involved phones? Two thirds of bullying reports involved messages sent during school
hours. Most of the rest happened in the evening or at weekends.</p>
<p><strong>Question 11.</strong> Would you be willing to help with a morning collection of
phones at the gate? 22% said yes.</p>
</div>

<div class="page">
<h2>Policy note</h2>
<p>The school's safeguarding policy applies during the school day wherever students are.
Staff are expected to act on incidents that happen on school grounds, including those
that happen online, and to report them the same day.</p>
<h2>Office log</h2>
<p>The office handled 14 urgent family calls last term. In each case the message reached
the student within fifteen minutes.</p>
<h2>Equipment list</h2>
<p>Each department has a set of 30 tablets. They are booked through the library and are
available in most lessons.</p>
</div>
</body></html>
"""


def main() -> None:
    html = SURVEY.replace("@RULE@", page_rule(Paper.A4))
    target = ROOT / "debates" / "sources" / "staff-survey.pdf"
    target.write_bytes(print_pdf(html, Paper.A4))
    sys.stdout.write(f"wrote {target.relative_to(ROOT)}\n")


if __name__ == "__main__":
    main()
