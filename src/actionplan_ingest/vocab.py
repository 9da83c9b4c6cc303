"""Word lists the pipeline recognises. Data only: no logic lives here.

Keeping the vocabulary apart from the code that uses it lets a new template
variant be supported by adding a phrase, not by editing a rule.
"""
from __future__ import annotations

# Column titles as templates write them, by column; matched fuzzily (rapidfuzz).
COLUMN_TITLES: dict[str, tuple[str, ...]] = {
    "NUMBER": ("Rec No", "Rec. No.", "Recommendation number", "No", "Ref"),
    "RECOMMENDATION": ("Recommendation",),
    "AGREEMENT": (
        "Agreed/ Partly Agreed/ Not Agreed",
        "Accepted/ Rejected",
        "Accepted/ Partly Accepted/ Rejected",
        "Agreed/ Not Agreed",
    ),
    "RESPONSE": ("Response Action Taken/Planned", "Action Taken/Planned", "Response"),
    "OWNER": (
        "Responsible Owner (including named individuals and their functional role or department)",
        "Responsible Owner",
        "Function Responsible/ Policy Lead",
        "Owner",
    ),
    "TARGET": ("Target Date", "Target", "Completion Date"),
}

# Distinctive words of the column titles above: a cheap first test for the title row.
TITLE_CUE_WORDS: tuple[str, ...] = (
    "rec", "recommendation", "agreed", "accepted", "rejected", "response", "action",
    "owner", "responsible", "function", "lead", "target", "date", "ref", "no",
)

# Agreement cell wording -> normalised value. Checked in order: the first
# phrase the cell starts with wins, so the longer phrases come first.
AGREEMENT_PHRASES: tuple[tuple[str, str], ...] = (
    ("partly agreed", "partly_agreed"),
    ("partially agreed", "partly_agreed"),
    ("part agreed", "partly_agreed"),
    ("partly accepted", "partly_agreed"),
    ("agreed in part", "partly_agreed"),
    ("accepted in part", "partly_agreed"),
    ("partially accepted", "partly_agreed"),
    ("not agreed", "not_agreed"),
    ("not accepted", "not_agreed"),
    ("disagreed", "not_agreed"),
    ("rejected", "not_agreed"),
    ("agreed", "agreed"),
    ("accepted", "agreed"),
)

# Phase rows: "Action Plan commitments (April 2021)", "Progress against
# commitments (April 2022)". The first keyword found decides the kind.
PHASE_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("progress", "progress"),
    ("update", "progress"),
    ("commitment", "commitment"),
)
PHASE_LABEL_PATTERN = (
    r"(?:action\s+plan\s+commitments?|commitments?|progress\s+against\s+commitments?"
    r"|progress\s+update|update\s+on\s+progress|progress|updates?)"
    r"\s*\(\s*(?:[A-Za-z]+\s+)?\d{4}\s*\)"
)

# Words of the bodies plans are addressed to: known even when the document
# writes them only once, in the spanning row cut into fake columns.
ADDRESSEE_WORDS: tuple[str, ...] = tuple(
    """
    Her Majesty's HM Prison Prisons and Probation Service Services Ministry of Justice the
    Community Rehabilitation Companies National Youth Board Governor Recommendations Main
    together with should Inspectorate Department Home Office Police Courts Tribunals
    """.split()
)

# A spanning row names who the next recommendations are addressed to.
ADDRESSEE_SUFFIX = "should:"
# A section row: "Main Recommendations to the Governor", "Priority Recommendations to the Governor",
# "Recommendations to NOMS" (whole, at most a few words, the addressee capitalised: not "to improve").
SECTION_PATTERN = r"^(?:[a-z]+\s+){0,2}recommendations?\s+(?:to|for)\s+(?:the\s+)?(?-i:[A-Z])[\w'\u2019&,-]*(?:\s+[\w'\u2019&,-]+){0,4}$"

# First words of an owner cell that can stand on its own (a job title or body).
OWNER_HEADWORDS: frozenset[str] = frozenset(
    """
    deputy director head chief regional executive divisional senior governor
    assistant interim lead minister permanent probation prison hmpps moj noms
    national area group service programme policy operational strategic
    contract commissioning governors governor's managing director-general
    """.split()
)

# Words that mark a post or body anywhere in an owner cell.
ROLE_WORD_PATTERN = (
    r"\b(?:director(?:ate)?s?|heads?|officers?|leads?|managers?|governors?|teams?|groups?|programmes?|units?"
    r"|partnerships?|boards?|services|hmpps|moj|nps)\b"
)
# Auxiliary verbs: their presence marks prose (a response), never an owner.
VERB_PATTERN = r"\b(?:will|shall|has|have|had|is|are|was|were|been|being|be|can|could|should|must|may|would|does|do|did)\b"

# Title words that start an owner: where two owners are run together
# ("Head of Safety Head of Healthcare") the second starts at one of these...
OWNER_TITLE_WORDS: frozenset[str] = frozenset(
    "deputy head chief regional executive divisional senior assistant interim governor".split()
)
# ...unless the word before ties it to the first ("and Deputy", "Probation Deputy").
OWNER_JOINERS: frozenset[str] = frozenset(
    "and & of for the to with or acting director probation prison hmpps moj nps area national".split()
)

# Words that link the parts of one post's name: the rest of an owner cut over a page may open with one.
OWNER_LINK_WORDS: frozenset[str] = frozenset("and & of for the to with or".split())

# Last words of an owner that names a post or unit on its own ("Safer Custody Team").
POST_WORDS: frozenset[str] = frozenset(
    """
    team unit department manager officer lead governor director directorate board panel
    partnership service services function hub office
    """.split()
)

# Owner cells naming several owners (owners.py). Nouns that name a person's post:
# a run of words holding one of these is a post ("Facilities Manager").
PERSON_POST_NOUNS: frozenset[str] = frozenset(
    """
    director directors manager officer governor lead head chaplain co-ordinator coordinator
    pharmacist psychologist psychiatrist minister secretary commissioner inspector adviser advisor
    administrator chair chairman chairperson controller analyst nurse clinician superintendent
    supervisor specialist practitioner champion sponsor registrar librarian coordinators
    director-general executive
    """.split()
)
# Words that open a post title and never end one ("Deputy ...", "Head of ...",
# "Chief ..."). "Governor" is not among them: it ends posts ("Security Governor").
POST_OPENING_WORDS: frozenset[str] = frozenset(
    "deputy head chief regional executive divisional senior assistant interim acting associate principal".split()
)
# Small words that leave a run of capitalised words unbroken: "Head of Learning",
# so a lower-case word before a post is a change of case only when not one of these.
OWNER_FUNCTION_WORDS: frozenset[str] = frozenset("of for the to and & in on at by with".split())

# National bodies a post may be followed by (", HMPPS"): the same post with or
# without one is one owner across plans (owner_names.py). Local bodies ("HMP
# Kellingford") are not here: "Governor, HMP X" and "Governor, HMP Y" differ.
NATIONAL_BODIES: tuple[str, ...] = (
    "hmpps", "moj", "noms", "nps", "hmps", "hm prison and probation service",
    "her majesty's prison and probation service", "ministry of justice",
    "national probation service", "national offender management service",
)

# Words that cannot end a complete owner or target cell: the cell continues.
DANGLING_WORDS: frozenset[str] = frozenset(
    """
    and & or of for the to be by with in on at deputy executive regional
    senior assistant head chief divisional interim director, review reviewed
    """.split()
)

# A sentence opening like this refers back to the one before it, so both
# belong to the same row when a cell holds two rows run together.
COHESIVE_OPENERS: tuple[str, ...] = (
    "in addition", "additionally", "also", "as well as", "furthermore", "moreover",
    "however", "alongside", "this ", "these ", "those ", "it ", "they ", "such ",
)
DEMONSTRATIVES: frozenset[str] = frozenset({"this", "these", "those", "such"})

# Target-cell wording.
COMPLETED_WORDS = r"\b(?:completed?|achieved|delivered|closed)\b"
ONGOING_WORDS = r"\b(?:on-?going|continuous(?:ly)?|continuing|business\s+as\s+usual|bau)\b"
RECURRENCE_WORDS: tuple[tuple[str, str], ...] = (
    (r"\bfortnightly\b|\bevery\s+two\s+weeks\b", "fortnightly"),
    (r"\bweekly\b|\bevery\s+week\b", "weekly"),
    (r"\bbi-?monthly\b|\bevery\s+two\s+months\b", "bimonthly"),
    (r"\bsix[- ]?monthly\b|\bhalf[- ]?yearly\b|\bbi-?annually\b|\bevery\s+six\s+months\b", "six-monthly"),
    (r"\bmonthly\b|\bevery\s+month\b", "monthly"),
    (r"\bquarterly\b|\bevery\s+quarter\b", "quarterly"),
    (r"\bannually\b|\byearly\b|\bannual\b|\bevery\s+year\b", "annually"),
)
# Every word a target cell may hold besides its dates: what is left over
# after these and the dates is reported as unreadable.
TARGET_WORDS: frozenset[str] = frozenset(
    """
    completed complete achieved delivered closed ongoing on going continuous continuously continuing place
    business as usual bau and or to be reviewed review reviews by end of the from until then with an at
    least in date due target immediate immediately tbc tba tbd confirmed na n/a none weekly fortnightly
    every two week weeks month months quarter quarters year years six monthly bimonthly bi half yearly
    biannually quarterly annually annual q1 q2 q3 q4 quarter
    """.split()
)
# Words that make a cell worth reading as a target (months are added by the reader).
TARGET_CUE_WORDS: tuple[str, ...] = tuple(
    """
    completed complete achieved delivered closed ongoing on going continuous continuing place
    usual bau weekly fortnightly monthly bimonthly bi quarterly annually annual yearly
    six half biannually every tbc tba tbd n/a immediate immediately review reviewed q1 q2 q3 q4 end by due be
    spring summer autumn fall winter
    """.split()
)
MONTHS: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
# Seasons are read as their last month, with a warning (a guess).
SEASON_LAST_MONTH: dict[str, int] = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11}

# Short words that are real words, so a lone short token is not a cut word.
SHORT_WORDS: frozenset[str] = frozenset(
    """
    a i an as at be by do go he if in is it me my no of on or so to up us we
    am eg ie mr ms dr st vs ok
    """.split()
)

# Common words of up to three letters: never the cut-off tail of a longer word.
COMMON_SHORT_WORDS: frozenset[str] = SHORT_WORDS | frozenset(
    """
    the and for are has was not its who all can had but may new any one out our two use way
    key set own due per now how his her via too yet few end far met run see off age aim day
    low net top led law act did get got let lot put say six ten try war yes men day
    """.split()
)

# Glyphs Word uses for list bullets, all removed from text fields.
BULLET_CHARS = "\u2022\u25aa\u25cf\u25e6\u2023\u2043\u2219\u25a0\u25a1\u27a2\u2714\u2713"

# Protective markings printed in page headers and footers (in capitals): page furniture, never content.
PROTECTIVE_MARKINGS: tuple[str, ...] = (
    "OFFICIAL[- ]SENSITIVE", "OFFICIAL", "NOT PROTECTIVELY MARKED", "UNCLASSIFIED", "RESTRICTED",
)

# Words too common to say what a text is about: left out when the wording of
# a response is compared with the recommendations it may answer.
FUNCTION_WORDS: frozenset[str] = frozenset(
    """
    the and for are has was not its who all can had but may new any one our two use way will
    with that this these those from have been being into onto upon over under about after before
    than then there their them they which while where when what whom whose would could should
    shall must also such each every other some more most much many very only same both either
    neither within without between across through during until unless including include includes
    make made makes sure ensure ensures ensured take taken takes give given gives well able
    recommendation recommendations response action actions plan plans agreed agree accepted
    """.split()
)
