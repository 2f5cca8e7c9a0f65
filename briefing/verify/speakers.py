"""Who said it: the grammatical speaker of quoted words, not anyone named nearby.

:func:`credited` reads the attribution of some words in a paragraph (or in a
fact's text): ``"…," said X``, ``"…," X added``, ``X said: "…"``, ``X said
(that) …``, ``according to X``, a transcript label such as ``THE PRESIDENT:``
and a headline's ``…: PM Shehbaz Sharif``. :func:`resolve` turns the words
naming the speaker into a person of the project, by name, alias, role
("the Secretary") or a pronoun's nearest named person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Mapping

from briefing.load.model import Person
from briefing.text.words import has_any
from briefing.text.normalize import normalize
from briefing.verify.actors import _by_role, mentions
from briefing.verify.lexicon import Lexicon
from briefing.verify.rules import Problem

PRONOUNS = frozenset(("he", "she", "they", "i", "we"))
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"])")
_LEADING = re.compile(r"^(?:(?:and|but|with|while|as|then|also|so|when|where|which|who)\s+)+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Attribution:
    """The words that name a speaker, how they attribute (``said X``, ``label``, ...) and where they end."""

    who: str
    how: str
    at: int


def _speech_forms(lexicon: Lexicon) -> frozenset[str]:
    """Every form of the one-word speech verbs ("said", "adds", "declaring")."""
    cached = lexicon.__dict__.get("_speech_forms")
    if cached is None:
        lemmas = {str(w).lower() for w in lexicon.data.get("speech_verbs") or () if " " not in str(w)}
        forms = {form for form, pairs in lexicon.forms.items() if any(l in lemmas for l, _ in pairs)}
        cached = lexicon.__dict__["_speech_forms"] = frozenset(lemmas | forms)
    return cached


_AFTER_HEAD = re.compile(r"^\s*[,.!?]?\s*\"?\s*,?\s*")
_VERB_FIRST = re.compile(r"([a-z]+)\s+([^,.;:\"]+?)(?=\s*[,.;:\"]|\s+(?:in|on|at|about|during|after|when|while|to|"
                         r"of|from|via)\b|\s*$)")
_WORD_OR_STOP = re.compile(r"[A-Za-z'-]+|[,.;:\"()]")
_ADVERB_END = re.compile(r"\s+(?:[a-z]+ly|also|further|then|later|has|had|have|went on to)$")
_CLAUSE_MARK = re.compile(r"[,;:()\"]")


def _who_after(after: str, forms: frozenset[str]) -> tuple[str, str] | None:
    """``said X`` or ``X said`` right after the quoted words: (the words naming X, how)."""
    rest = after[_AFTER_HEAD.match(after).end():]
    first = _VERB_FIRST.match(rest)
    if first and first.group(1) in forms:
        return first.group(2), "said X"
    for word in _WORD_OR_STOP.finditer(rest, 0, 120):
        if word.group() in ',.;:"()':
            return None
        if word.start() and word.group() in forms:
            return re.sub(r"\s+(?:also|later|then)$", "", rest[:word.start()].strip()), "X said"
    return None


def _who_before(sentence: str, forms: frozenset[str], last: bool = True) -> tuple[str, int] | None:
    """The words before the last (or first) speech verb of ``sentence``, back to its clause start."""
    verbs = [w for w in _WORD_OR_STOP.finditer(sentence) if w.group() in forms and w.start()]
    if not verbs:
        return None
    verb = verbs[-1] if last else verbs[0]
    head = _ADVERB_END.sub("", sentence[:verb.start()].rstrip())
    marks = [m.end() for m in _CLAUSE_MARK.finditer(head)]
    start = marks[-1] if marks else 0
    who = head[start:].strip()
    return (who, start) if who and len(who) <= 80 else None


def _quoted_span(paragraph: str, start: int, end: int) -> tuple[int, int]:
    marks = [m.start() for m in re.finditer('"', paragraph)]
    for a, b in zip(marks[::2], marks[1::2]):
        if a <= start and end <= b + 1:
            return a, b + 1
    return start, end


def credited(paragraph: str, said: str, lexicon: Lexicon) -> Attribution | None:
    """The attribution of ``said`` in ``paragraph`` (both normalised), or None when none is written."""
    words = said.strip(" .,;:!?\"'")
    at = paragraph.find(words) if words else -1
    if at < 0:
        return None
    start, end = _quoted_span(paragraph, at, at + len(words))
    forms = _speech_forms(lexicon)
    label = re.match(r"^\s*([A-Z][A-Z.' -]{1,40}[A-Z.]):\s", paragraph)
    if label and label.end() <= start and not mentions(label.group(1), lexicon, {}):
        return Attribution(label.group(1), "label", label.end())
    after = _who_after(paragraph[end:end + 160], forms) if end < len(paragraph) else None
    closed = paragraph[max(start, end - 3):end].rstrip('"').endswith((".", "!", "?"))
    if after:
        who, how = after
        if who and len(who.split()) <= (4 if closed else 10):
            return Attribution(_LEADING.sub("", who.strip()), how, end)
    breaks = [m.end() for m in _SENTENCE_END.finditer(paragraph, 0, start)]
    sentence = paragraph[breaks[-1] if breaks else 0:start]
    before = _who_before(sentence, forms)
    if before:
        return Attribution(_LEADING.sub("", before[0]), "X said", start)
    according = re.search(r"\b[Aa]ccording to (?P<who>[^,.;:\"]+)", paragraph[breaks[-1] if breaks else 0:])
    if according:
        return Attribution(according.group("who").strip(), "according to", start)
    headline = re.search(r":\s*(?P<who>[^:\"]{2,80})$", paragraph[end:].rstrip(" ."))
    if headline and "." not in paragraph[end:].rstrip(" ."):
        return Attribution(headline.group("who").strip(), "headline", end)
    return _continued(paragraph, start, lexicon)


def _continued(paragraph: str, start: int, lexicon: Lexicon) -> Attribution | None:
    """Words that continue an attributed quotation (\"A,\" said X. \"B.\"): X's, unless a sentence intervenes.

    The quotation just before, and the attribution between the two, must
    fit in one sentence: no other words of the paragraph stand between.
    """
    marks = [i for i, c in enumerate(paragraph[:start]) if c == '"']
    if len(marks) < 2 or paragraph[start:start + 1] != '"' or len(marks) % 2:
        return None
    opening, closing = marks[-2], marks[-1]
    between = paragraph[closing + 1:start]
    if len(_SENTENCE_END.findall(between)) > 1 or len(between) > 160:
        return None
    found = credited(paragraph[:closing + 1] + between, paragraph[opening + 1:closing], lexicon)
    return Attribution(found.who, "continued", start) if found is not None and found.how != "continued" else found


def resolve(who: str, before: str, lexicon: Lexicon, people: Mapping[str, Person]) -> str | None:
    """The person id the words ``who`` name; ``before`` (the text before them) resolves a pronoun."""
    words = who.split()
    if words and words[0].lower() in PRONOUNS and len(words) <= 2:
        named = [m for m in mentions(before, lexicon, people) if m.ident.startswith("person:")]
        return named[-1].ident[7:] if named else None
    shouted = who.isupper()   # a transcript label, "MS. ORTEGA": names and aliases match ignoring case
    named = [m.ident[7:] for m in mentions(who.title() if shouted else who, lexicon, people)
             if m.ident.startswith("person:")]
    if named:
        return named[-1]
    flags = re.IGNORECASE if shouted else 0
    surnames = [ident for ident, person in people.items() if len(person.name.split()) > 1
                and re.search(rf"(?<![\w-]){re.escape(person.name.split()[-1])}(?![\w-])", who, flags)]
    if len(surnames) == 1:   # "Rubio" for Marco Rubio, though not among his aliases
        return surnames[0]
    by_role = [ident for ident, person in people.items() if _by_role(f"the {who}", person)
               or normalize(person.role).lower() == normalize(who).lower().removeprefix("the ")]
    return by_role[0] if len(by_role) == 1 else ("?" + "|".join(by_role) if by_role else None)


def is_pronoun(who: str) -> bool:
    """Whether the words naming a speaker are a bare pronoun ("he", "she said")."""
    words = who.split()
    return bool(words) and words[0].lower() in PRONOUNS and len(words) <= 2


def names_someone(who: str, lexicon: Lexicon) -> bool:
    """Whether unresolved speaker words still name an actor or a person ("the FO", "Mr. Smith")."""
    if mentions(who, lexicon, {}):
        return True
    capitals = [w for w in re.findall(r"\b[A-Z][\w'.-]+", who) if w.lower().rstrip(".") not in lexicon.titles]
    return bool(capitals)


def _credits(who: str, before: str, speaker: str, lexicon: Lexicon, people: Mapping[str, Person]) -> str | None:
    """'' when ``who`` is the speaker, None when it cannot tell, else the name it credits instead."""
    ident = resolve(who, before, lexicon, people)
    if ident == speaker or (ident and ident.startswith("?") and speaker in ident[1:].split("|")):
        return ""
    if ident and not ident.startswith("?"):
        return f"{people[ident].name} (\"{who}\")"
    if ident:   # "THE PRESIDENT" may be several of the project's people, the speaker not among them
        return f"\"{who}\""
    if ident is None and not is_pronoun(who) and names_someone(who, lexicon):
        return f"\"{who}\""
    return None


def _text_attribution(text: str, said: str, lexicon: Lexicon) -> Attribution | None:
    found = credited(text, said, lexicon)
    if found is not None or said.strip(" .,;:!?\"'") in text:
        return found
    first = _who_before(text, _speech_forms(lexicon), last=False)
    if first:
        return Attribution(_LEADING.sub("", first[0]), "X said", first[1])
    according = re.search(r"\b[Aa]ccording to (?P<who>[^,.;:\"]+)", text)
    return Attribution(according.group("who").strip(), "according to", according.start("who")) if according else None


def speaker_problems(fact: object, quote: str, paragraph: Callable[[], str] | str, people: Mapping[str, Person],
                     lexicon: Lexicon) -> list[Problem]:
    """The source credits the words to the speaker, and the text credits nobody else."""
    speaker = fact.speaker
    person = people.get(speaker)
    if person is None:
        return []
    said = normalize(fact.said).strip()
    problems: list[Problem] = []
    # The quote's own attribution first; the paragraph (read only when needed) when the quote has none.
    where = quote
    attribution = credited(quote, said, lexicon)
    if attribution is None or is_pronoun(attribution.who):   # "he said": who he is, the paragraph tells
        where = paragraph() if callable(paragraph) else paragraph
        attribution = credited(where, said, lexicon)
    verdict = None
    if attribution is not None:
        verdict = _credits(attribution.who, where[:attribution.at], speaker, lexicon, people)
        if verdict:
            problems.append(Problem("speaker-not-credited", f"the source credits these words to {verdict}, not to "
                                    f"{person.name} ({speaker}): cite the words {person.name} said, or change "
                                    "the speaker", "speaker"))
    names = [person.name, *person.aliases]
    if verdict is None and not has_any(quote, names) and \
            not has_any(paragraph() if callable(paragraph) else paragraph, names):
        problems.append(Problem("speaker-not-named", f"the speaker {person.name} ({speaker}) is named neither "
                                "in the quote nor in its paragraph of the source", "speaker"))
    text = normalize(fact.text)
    mine = _text_attribution(text, said, lexicon)
    if mine is not None:
        other = _credits(mine.who, text[:mine.at], speaker, lexicon, people)
        if other:
            problems.append(Problem("text-credits-other", f"the text credits the words to {other}; the speaker "
                                    f"is {person.name} ({speaker}): name the speaker in the text", "text"))
    return problems
