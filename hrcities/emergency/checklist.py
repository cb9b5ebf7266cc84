"""The questions a review of an emergency measure answers, and where each comes from.

Drawn from article 4 of the International Covenant on Civil and Political Rights and the
Human Rights Committee's General Comment No. 29 (2001) on states of emergency; the Siracusa
Principles on the Limitation and Derogation Provisions in the ICCPR (E/CN.4/1985/4, annex);
and the UN human rights office's "Emergency Measures and COVID-19: Guidance" (27 April
2020). Each question is answered yes, partly, no or unclear, with evidence and a note.
Which paragraph numbers were checked against which copy of the texts is said in
data/README.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Criterion:
    slug: str
    question: Promise
    sources: str


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "legality",
        _("Is it provided by law, and is that law accessible and precise?"),
        "ICCPR art. 4(1); GC 29 para. 2; Siracusa paras. 5, 15-18; OHCHR guidance (legality)",
    ),
    Criterion(
        "necessity",
        _("Is it necessary for a legitimate aim, such as protecting public health?"),
        "GC 29 paras. 4-5; Siracusa paras. 10, 25-26; OHCHR guidance (necessity)",
    ),
    Criterion(
        "proportionality",
        _("Is it proportionate, and the least restrictive way to reach that aim?"),
        "GC 29 para. 4; Siracusa para. 11; OHCHR guidance (proportionality)",
    ),
    Criterion(
        "non-discrimination",
        _("Does it avoid discriminating, in its text and in how it is applied?"),
        "ICCPR arts. 2(1), 4(1), 26; GC 29 para. 8; Siracusa para. 9; "
        "OHCHR guidance (non-discrimination)",
    ),
    Criterion(
        "time-bound",
        _("Is it limited in time, with a sunset or a date when it is reviewed?"),
        "GC 29 paras. 1-2; Siracusa para. 48; OHCHR guidance (time-bound, subject to review)",
    ),
    Criterion(
        "derogation-notified",
        _("Where it derogates from a treaty, was the derogation proclaimed and notified?"),
        "ICCPR art. 4(1), 4(3); GC 29 paras. 2, 17; Siracusa paras. 42-50",
    ),
    Criterion(
        "non-derogable-rights",
        _("Are the rights that may never be suspended left untouched?"),
        "ICCPR art. 4(2) (arts. 6, 7, 8(1)-(2), 11, 15, 16, 18); GC 29 paras. 7, 11, 13, 15; "
        "Siracusa paras. 58-60",
    ),
    Criterion(
        "social-rights",
        _("Are economic and social rights (health, housing, food, work, education) kept?"),
        "ICESCR arts. 2(1), 4; OHCHR guidance (economic, social and cultural rights)",
    ),
    Criterion(
        "participation",
        _("Were the people affected consulted, and told clearly what applies to them?"),
        "ICCPR arts. 19, 25; OHCHR guidance (information, participation)",
    ),
    Criterion(
        "remedy",
        _("Can a person affected challenge it and obtain a remedy?"),
        "ICCPR art. 2(3); GC 29 paras. 14-16; Siracusa para. 8; "
        "OHCHR guidance (oversight and accountability)",
    ),
)

BY_SLUG = {criterion.slug: criterion for criterion in CRITERIA}
