"""Money, quantities, percentages, ranges, counts and figures found in normalised text."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.text.figures import format_percent, format_quantity, format_range, plain_number
from briefing.text.quantities import (
    find_counts,
    SCALES,
    currency_code,
    figures_in,
    find_percents,
    find_quantities,
    find_ranges,
    parse_value,
    unit_matches,
)

D = Decimal

CORPUS = (
    "US total goods trade with Pakistan was an estimated $7.3 billion in 2024, according to the website of "
    "the Office of the US Trade Representative, up from around $6.9 billion in 2023. The US goods trade "
    "deficit with Pakistan was $3 billion in 2024, a 5.2% increase over 2023."
)


@pytest.mark.parametrize(
    "raw, expected",
    [
        (7, D(7)),
        (7.3, D("7.3")),
        ("7.3 billion", D("7.3E9")),
        ("7.3bn", D("7.3E9")),
        ("7,300,000,000", D("7300000000")),
        ("500k", D(500000)),
        ("2 crore", D(20000000)),
        (".5", D("0.5")),
        (D("1.5"), D("1.5")),
        ("7.3e9", D("7.3E9")),        # the spec's own spelling of the value
        ("7.3E+9", D("7300000000")),
    ],
)
def test_parse_value(raw: object, expected: Decimal) -> None:
    assert parse_value(raw) == expected


@pytest.mark.parametrize("raw", [True, None, "seven", "7.3 gazillion", float("nan"), [7], "1e999999999"])
def test_parse_value_rejects(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_value(raw)


def test_scales_kept() -> None:
    assert SCALES["billion"] == 10**9 and SCALES["bn"] == 10**9 and SCALES["k"] == 1000


@pytest.mark.parametrize(
    "text, value, unit, matched",
    [
        ("an estimated $7.3 billion in 2024", D("7.3E9"), "USD", "$7.3 billion"),
        ("worth US$ 7.3 billion", D("7.3E9"), "USD", "US$ 7.3 billion"),
        ("worth US$7.3bn", D("7.3E9"), "USD", "US$7.3bn"),
        ("a $7.3 bn deal", D("7.3E9"), "USD", "$7.3 bn"),
        ("a $7.3-billion deal", D("7.3E9"), "USD", "$7.3-billion"),
        ("raised $500k", D(500000), "USD", "$500k"),
        ("raised $5m", D(5000000), "USD", "$5m"),
        ("USD 7.3 billion", D("7.3E9"), "USD", "USD 7.3 billion"),
        ("7.3 billion dollars", D("7.3E9"), "USD", "7.3 billion dollars"),
        ("7.3 billion US dollars", D("7.3E9"), "USD", "7.3 billion US dollars"),
        ("7,300,000,000 dollars", D(7300000000), "USD", "7,300,000,000 dollars"),
        ("Rs 12 billion", D("12E9"), "PKR", "Rs 12 billion"),
        ("Rs. 500 crore", D("5E9"), "PKR", "Rs. 500 crore"),
        ("Rs.12 billion", D("12E9"), "PKR", "Rs.12 billion"),
        ("500 million rupees", D("5E8"), "PKR", "500 million rupees"),
        ("PKR 3 trillion", D("3E12"), "PKR", "PKR 3 trillion"),
        ("600 million PKR", D("6E8"), "PKR", "600 million PKR"),
        ("€5 million", D("5E6"), "EUR", "€5 million"),
        ("5 million euros", D("5E6"), "EUR", "5 million euros"),
        ("£2.25 billion", D("2.25E9"), "GBP", "£2.25 billion"),
        ("₹40,000 crore", D("4E11"), "INR", "₹40,000 crore"),
        ("Rs12bn", D("12E9"), "PKR", "Rs12bn"),
        ("$5 bln", D("5E9"), "USD", "$5 bln"),
        ("$1.5tn", D("1.5E12"), "USD", "$1.5tn"),
        ("a bare 7.3 billion", D("7.3E9"), None, "7.3 billion"),
        ("7.3 Billion", D("7.3E9"), None, "7.3 Billion"),
        ("left 26 dead", D(26), "dead", "26 dead"),
        ("in 46 missions", D(46), "missions", "46 missions"),
        ("1.2 million tonnes of wheat", D(1200000), "tonnes", "1.2 million tonnes"),
        ("exports of 1,200 barrels", D(1200), "barrels", "1,200 barrels"),
        ("in 2024, according", D(2024), None, "2024"),
    ],
)
def test_find_quantities_first(text: str, value: Decimal, unit: str | None, matched: str) -> None:
    q = find_quantities(text)[0]
    assert (q.value, q.text) == (value, matched)
    assert unit_matches(unit, q) if unit else q.unit is None
    assert text[q.start:q.end] == q.text


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("$7.3 billion", D("7.4E9")),
        ("$7.3 billion", D("7.31E9")),
        ("$7.3 billion", D("7.3E6")),
        ("$7.3 million", D("7.3E9")),
        ("$7.3 billion", D("7.3")),
    ],
)
def test_precision_is_exact(text: str, wrong: Decimal) -> None:
    values = [q.value for q in find_quantities(text)]
    assert wrong not in values
    assert values[0] == parse_value(text[1:])
    assert values[0] == D(int(values[0]))  # 7.3E9 == 7300000000


def test_corpus_paragraph() -> None:
    found = [(q.value, q.unit) for q in find_quantities(CORPUS)]
    assert found == [
        (D("7.3E9"), "USD"), (D(2024), None), (D("6.9E9"), "USD"), (D(2023), None),
        (D("3E9"), "USD"), (D(2024), None), (D(2023), None),
    ]
    assert [(p.value, p.text) for p in find_percents(CORPUS)] == [(D("5.2"), "5.2%")]


@pytest.mark.parametrize(
    "text",
    [
        "ISIS-K fighters", "COVID-19 cases", "the G20 summit", "F-16 jets", "the 9/11 attacks",
        "the 21st century", "since the early 2000s", "around 1:30", "29% tariff", "$6-8 trillion",
        "on 2025-07-25", "a 100m wall", "v1.2.3",
    ],
)
def test_no_standalone_quantity(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    "text, value, points, matched",
    [
        ("a 29% tariff", D(29), False, "29%"),
        ("a 29 % tariff", D(29), False, "29 %"),
        ("29 percent", D(29), False, "29 percent"),
        ("29 per cent", D(29), False, "29 per cent"),
        ("a 29-percent tariff", D(29), False, "29-percent"),
        ("a 5.2% increase", D("5.2"), False, "5.2%"),
        ("up 3 percentage points", D(3), True, "3 percentage points"),
        ("up 1 percentage point", D(1), True, "1 percentage point"),
        ("up 3pp on the year", D(3), True, "3pp"),
        ("growth of -2% in", D(-2), False, "-2%"),
        ("(-0.5%)", D("-0.5"), False, "-0.5%"),
    ],
)
def test_find_percents(text: str, value: Decimal, points: bool, matched: str) -> None:
    (p,) = find_percents(text)
    assert (p.value, p.points, p.text) == (value, points, matched)
    assert find_quantities(text) == []


@pytest.mark.parametrize("text", ["5-7% growth", "COVID-19%", "no percent here", "2024-2%"])
def test_no_single_percent(text: str) -> None:
    assert find_percents(text) == []


@pytest.mark.parametrize(
    "text, low, high, unit, matched",
    [
        ("worth an estimated $6-8 trillion during", D("6E12"), D("8E12"), "USD", "$6-8 trillion"),
        ("$6 billion-$8 billion", D("6E9"), D("8E9"), "USD", "$6 billion-$8 billion"),
        ("$500 million-$2 billion", D("5E8"), D("2E9"), "USD", "$500 million-$2 billion"),
        ("6-8 people", D(6), D(8), "people", "6-8 people"),
        ("6 - 8", D(6), D(8), None, "6 - 8"),
        ("6 to 8 billion", D("6E9"), D("8E9"), None, "6 to 8 billion"),
        ("from 6 to 8 million tonnes", D("6E6"), D("8E6"), "tonnes", "from 6 to 8 million tonnes"),
        ("between 6 and 8", D(6), D(8), None, "between 6 and 8"),
        ("Between $1 billion and $2 billion", D("1E9"), D("2E9"), "USD", "Between $1 billion and $2 billion"),
        ("5-7%", D(5), D(7), "percent", "5-7%"),
        ("between 5% and 7%", D(5), D(7), "percent", "between 5% and 7%"),
        ("rose 5 to 7 percent", D(5), D(7), "percent", "5 to 7 percent"),
        ("from 500 to 2 million", D(500), D(2000000), None, "from 500 to 2 million"),
        ("fiscal 2024-25", D(2024), D(2025), None, "2024-25"),
        ("1999-00", D(1999), D(2000), None, "1999-00"),
        ("Rs 6-8 billion", D("6E9"), D("8E9"), "PKR", "Rs 6-8 billion"),
    ],
)
def test_find_ranges(text: str, low: Decimal, high: Decimal, unit: str | None, matched: str) -> None:
    (r,) = find_ranges(text)
    assert (r.low, r.high, r.text) == (low, high, matched)
    assert unit_matches(unit, r) if unit else r.unit is None
    assert text[r.start:r.end] == matched


@pytest.mark.parametrize(
    "text",
    ["on 2025-07-25", "6 and 8", "8-6", "$6-€8", "5%-$7", "COVID-19-20", "the 9/11-12 files", "6, 8"],
)
def test_no_range(text: str) -> None:
    assert find_ranges(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("left 26 dead", [26]),
        ("1,200 people", [1200]),
        ("2 million people", [2000000]),
        ("eight UNSC terms", [8]),
        ("eighteen", [18]),
        ("Eight", [8]),
        ("twenty-six", [26]),
        ("twenty six", [26]),
        ("a dozen", [12]),
        ("dozen", [12]),
        ("two dozen", [24]),
        ("hundred", [100]),
        ("a hundred", [100]),
        ("three hundred", [300]),
        ("a thousand", [1000]),
        ("one hundred and twenty", [120]),
        ("two thousand five hundred", [2500]),
        ("July 25, 2025", [25, 2025]),
        ("someone said nothing", []),
        ("hundreds and thousands and dozens", []),
        ("$3 billion and 29%", []),
        ("7.5 tonnes", []),
        ("a day, an hour", []),
        ("one of nineteen and ninety-nine", [1, 19, 99]),
    ],
)
def test_find_counts(text: str, expected: list[int]) -> None:
    counts = find_counts(text)
    assert [c.value for c in counts] == expected
    assert all(text[c.start:c.end] == c.text for c in counts)


@pytest.mark.parametrize(
    "text, expected",
    [
        (CORPUS, ["7.3E9", "2024", "6.9E9", "2023", "3E9", "2024", "5.2", "2023"]),
        ("worth $6-8 trillion in 2025", ["6E12", "8E12", "2025"]),
        ("from $6.9 billion to $7.3 billion", ["6.9E9", "7.3E9"]),
        ("26 dead and 1,200 hurt", ["26", "1200"]),
        ("eight terms since 1947", ["1947"]),
        ("ISIS-K, COVID-19, G20, F-16, 21st, 9/11", []),
        ("-2% and 3pp", ["-2", "3"]),
    ],
)
def test_figures_in(text: str, expected: list[str]) -> None:
    figures = figures_in(text)
    assert [f.value for f in figures] == [D(v) for v in expected]
    assert all(text[f.start:f.end] == f.text for f in figures)


@pytest.mark.parametrize(
    "fact_unit, stated, expected",
    [
        ("USD", "USD", True), ("usd", "USD", True), ("dollars", "USD", True), ("USD", "PKR", False),
        ("USD", None, False), ("PKR", "PKR", True), ("tonne", "tonnes", True), ("tonnes", "Tonnes", True),
        ("mission", "missions", True), ("casualties", "casualty", True), ("dead", "dead", True),
        ("tonnes", "barrels", False), ("USD", "dollars", True), ("tonnes", "USD", False),
        ("percent", "percent", True), ("%", "percent", True), ("class", "classes", True),
    ],
)
def test_unit_matches(fact_unit: str, stated: str | None, expected: bool) -> None:
    assert unit_matches(fact_unit, stated) is expected


@pytest.mark.parametrize(
    "word, code",
    [
        ("$", "USD"), ("US$", "USD"), ("dollars", "USD"), ("Rs", None), ("Rs.", None), ("rupees", None),
        ("Pakistani rupees", "PKR"), ("C$", "CAD"), ("Mex$", "MXN"), ("NZ$", "NZD"), ("HK$", "HKD"), ("S$", "SGD"),
        ("R$", "BRL"), ("A$", "AUD"), ("yen", "JPY"), ("pounds", "GBP"),
        ("PKR", "PKR"), ("€", "EUR"), ("euros", "EUR"), ("£", "GBP"), ("₹", "INR"), ("JPY", "JPY"),
        ("cny", "CNY"), ("tonnes", None), ("US", None), ("", None),
    ],
)
def test_currency_code(word: str, code: str | None) -> None:
    assert currency_code(word) == code


@pytest.mark.parametrize(
    "value, unit, expected",
    [
        (D("7.3E9"), "USD", "$7.3 billion"), (D("3E9"), "USD", "$3 billion"), (D("12E9"), "PKR", "Rs 12 billion"),
        (D("5E6"), "EUR", "€5 million"), (D(26), "dead", "26 dead"), (D(1200000), "tonnes", "1.2 million tonnes"),
        (D(950), None, "950"), (D(1200), "tonnes", "1,200 tonnes"), (D("6.5E12"), "USD", "$6.5 trillion"),
        (D(7300000000), "USD", "$7.3 billion"), (D("2.50E6"), "GBP", "£2.5 million"), (D(999999), None, "999,999"),
        (D("-5E6"), "USD", "-$5 million"), (D("4E9"), "AED", "AED 4 billion"), (D("1E15"), "USD", "$1,000 trillion"),
    ],
)
def test_format_quantity(value: Decimal, unit: str | None, expected: str) -> None:
    assert format_quantity(value, unit) == expected


@pytest.mark.parametrize(
    "value, points, expected",
    [(D(29), False, "29%"), (D("5.2"), False, "5.2%"), (D("5.20"), False, "5.2%"), (D(3), True, "3 percentage points"),
     (D(1), True, "1 percentage point"), (D(-2), False, "-2%")],
)
def test_format_percent(value: Decimal, points: bool, expected: str) -> None:
    assert format_percent(value, points) == expected


@pytest.mark.parametrize(
    "low, high, unit, expected",
    [
        (D("6E12"), D("8E12"), "USD", "$6-8 trillion"), (D("5E8"), D("2E9"), "USD", "$500 million-$2 billion"),
        (D(6), D(8), "missions", "6-8 missions"), (D(5), D(7), "percent", "5-7%"),
        (D("6E6"), D("8E6"), "tonnes", "6-8 million tonnes"), (D(1200), D(1500), "tonnes", "1,200-1,500 tonnes"),
        (D("6E9"), D("8E9"), "PKR", "Rs 6-8 billion"),
    ],
)
def test_format_range(low: Decimal, high: Decimal, unit: str, expected: str) -> None:
    assert format_range(low, high, unit) == expected


@pytest.mark.parametrize("unit", ["USD", "PKR", "EUR", "tonnes", None])
@given(st.decimals(min_value=1, max_value=10**15, places=2, allow_nan=False, allow_infinity=False))
def test_format_then_find_round_trips(unit: str | None, value: Decimal) -> None:
    text = f"about {format_quantity(value, unit)} in all"
    q = find_quantities(text)[0]
    assert q.value == value
    assert unit_matches(unit, q) if unit else q.unit is None


@pytest.mark.parametrize("value, printed", [
    (D("7.3E9"), "7.3 billion"), (D("7300000000"), "7.3 billion"), (D("6E12"), "6 trillion"),
    (D("29"), "29"), (D("5.20"), "5.2"), (D("100"), "100"), (D("2500000"), "2.5 million"),
])
def test_plain_number(value: Decimal, printed: str) -> None:
    assert plain_number(value) == printed
