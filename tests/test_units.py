"""The `units` module: every check of rules/units.yaml with its exact findings and the
texts it must leave alone, document-level decisions (one document per file, ties,
preferences), the rules together without double reports, and unit table errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import lint
from lint.document import LineIndex
from lint.fixes import apply_fixes
from lint.model import DEFAULT_SETTINGS, Finding, Settings
from lint.rulebook import RuleModuleError, load_module

# A finding as the tables give it: (line, column, matched text, suggestions), plus
# ((line, column, text) of each related location) for document-level rules.
Row = tuple


def run(rule: str, text: str, settings: Settings = DEFAULT_SETTINGS) -> list[Finding]:
    """The findings of one built-in rule of the units module, run on its own."""
    rules = lint.load_rules(selected=[f"units.{rule}"])
    return lint.check_text(text, "t.txt", rules=rules, settings=settings)


def rows(findings: list[Finding], text: str, rule_id: str) -> list[Row]:
    index = LineIndex.of(text)
    result: list[Row] = []
    for finding in findings:
        assert finding.rule == rule_id
        assert finding.text == text[finding.start : finding.end]
        related = tuple((*index.position(r.start), text[r.start : r.end]) for r in finding.related)
        row = (*index.position(finding.start), finding.text, finding.suggestions)
        result.append((*row, related) if related else row)
    return result


def check(rule: str, text: str, expected: list[Row], fixed: str | None) -> None:
    """`rule` finds exactly `expected` in `text`; its fixes (unsafe ones too) give
    `fixed` (None: the rule offers no fix)."""
    found = run(rule, text)
    assert rows(found, text, f"units.{rule}") == expected
    assert apply_fixes(text, found, unsafe=True) == (text if fixed is None else fixed)


# ---- document-level checks: the text's own dominant style wins ----------------------

DOCUMENT_CASES = [
    # thousands-separator
    (
        "thousands-separator",
        "A range of 1000 km, priced below 1,000 yuan, with 2,000 km more.",
        [(1, 12, "1000", ("1,000",), ((1, 34, "1,000"),))],
        "A range of 1,000 km, priced below 1,000 yuan, with 2,000 km more.",
    ),
    (
        "thousands-separator",
        "It weighs 1 000 kg and carries 1,500 kg and 1,800 kg.",
        [(1, 11, "1 000", ("1,000",), ((1, 32, "1,500"),))],
        "It weighs 1,000 kg and carries 1,500 kg and 1,800 kg.",
    ),
    (
        "thousands-separator",
        "It weighs 12 000 kg and carries 15,000 kg and 18,000 kg.",
        [(1, 11, "12 000", ("12,000",), ((1, 33, "15,000"),))],
        "It weighs 12,000 kg and carries 15,000 kg and 18,000 kg.",
    ),
    (
        "thousands-separator",
        "From 1,000 km\n\nto 2000 km and 3000 km.",
        [(1, 6, "1,000", ("1000",), ((3, 4, "2000"),))],
        "From 1000 km\n\nto 2000 km and 3000 km.",
    ),
    # unit-system
    (
        "unit-system",
        "The range is 500 km, the top speed is 180 km/h, and a charge adds 60 miles.",
        [(1, 67, "60 miles", ("96.6 km (60 miles)",), ((1, 14, "500 km"),))],
        "The range is 500 km, the top speed is 180 km/h, and a charge adds 96.6 km (60 miles).",
    ),
    (
        "unit-system",
        "It drove 500 km.\nThen 10 miles.\nThen 20 km.",
        [(2, 6, "10 miles", ("16.1 km (10 miles)",), ((1, 10, "500 km"),))],
        "It drove 500 km.\nThen 16.1 km (10 miles).\nThen 20 km.",
    ),
    (
        "unit-system",
        "It weighs 100 kg and tows 1,500 lb; the tank holds 50 L.",
        [(1, 27, "1,500 lb", ("680 kg (1,500 lb)",), ((1, 11, "100 kg"),))],
        "It weighs 100 kg and tows 680 kg (1,500 lb); the tank holds 50 L.",
    ),
    (
        "unit-system",
        "Store at 25°C; never above 95°F.",
        [(1, 28, "95°F", ("35°C (95°F)",), ((1, 10, "25°C"),))],
        "Store at 25°C; never above 35°C (95°F).",
    ),
    # unit-spacing
    (
        "unit-spacing",
        "It weighs 100 kg, tows 750 kg and carries 80kg.",
        [(1, 43, "80kg", ("80 kg",), ((1, 11, "100 kg"),))],
        "It weighs 100 kg, tows 750 kg and carries 80 kg.",
    ),
    (
        "unit-spacing",
        "It weighs 100kg, tows 750kg and carries 80 kg, 90 kg.",
        [
            (1, 41, "80 kg", ("80kg",), ((1, 11, "100kg"),)),
            (1, 48, "90 kg", ("90kg",), ((1, 11, "100kg"),)),
        ],
        "It weighs 100kg, tows 750kg and carries 80kg, 90kg.",
    ),
    (
        "unit-spacing",
        "It weighs 100 kg.\nIt tows 750kg.\nIt carries 80 kg.",
        [(2, 9, "750kg", ("750 kg",), ((1, 11, "100 kg"),))],
        "It weighs 100 kg.\nIt tows 750 kg.\nIt carries 80 kg.",
    ),
    # unit-form: a fix only when the symbol wins; each unit is its own group
    (
        "unit-form",
        "The range is 500 km, 20 km more than before, and 30 kilometres in town.",
        [(1, 53, "kilometres", ("km",), ((1, 18, "km"),))],
        "The range is 500 km, 20 km more than before, and 30 km in town.",
    ),
    (
        "unit-form",
        "Walk 5 kilometres, then 2 kilometres more, then 3 km.",
        [(1, 51, "km", (), ((1, 8, "kilometres"),))],
        None,
    ),
    (
        "unit-form",
        "Walk 5 kilometres and 3 km; lift 2 kg and 4 kilograms.",
        [
            (1, 25, "km", (), ((1, 8, "kilometres"),)),
            (1, 45, "kilograms", ("kg",), ((1, 36, "kg"),)),
        ],
        "Walk 5 kilometres and 3 km; lift 2 kg and 4 kg.",
    ),
    # ambiguous-currency: every bare sign, related to the first mention
    (
        "ambiguous-currency",
        "The Tokyo price is ¥300,000, the Beijing one is RMB 15,000.",
        [(1, 20, "¥", (), ((1, 5, "Tokyo"),))],
        None,
    ),
    (
        "ambiguous-currency",
        "The price is ¥15,000 in Beijing and ¥20,000 in Shanghai.\n"
        "In Japan it costs more: ¥3,000,000.",
        [
            (1, 14, "¥", (), ((2, 4, "Japan"),)),
            (1, 37, "¥", (), ((2, 4, "Japan"),)),
            (2, 25, "¥", (), ((2, 4, "Japan"),)),
        ],
        None,
    ),
    (
        "ambiguous-currency",
        "It costs ¥100, about 2,000 yen.",
        [(1, 10, "¥", (), ((1, 28, "yen"),))],
        None,
    ),
    # percent-notation and currency-notation (kind: consistency)
    (
        "percent-notation",
        "Sales rose 50%, costs 20% and margins 86 percent.",
        [(1, 42, "percent", (), ((1, 14, "%"),))],
        None,
    ),
    (
        "percent-notation",
        "Sales rose 50 per cent, costs 20 percent and margins 3%, 4 per cent.",
        [
            (1, 34, "percent", (), ((1, 15, "per cent"),)),
            (1, 55, "%", (), ((1, 15, "per cent"),)),
        ],
        None,
    ),
    (
        "percent-notation",
        "Up 50 percent and 3 percentage points, 4 percentage points, then 5%.",
        [(1, 67, "%", (), ((1, 7, "percent"),))],
        None,
    ),
    (
        "currency-notation",
        "It costs RMB 200,000, the battery RMB 50,000 and the charger 3,000 yuan.",
        [(1, 68, "yuan", (), ((1, 10, "RMB"),))],
        None,
    ),
    (
        "currency-notation",
        "It costs ¥200,000, CNY 50,000, ￥30 and 3,000 yuan, 5 renminbi, ¥7.",
        [
            (1, 20, "CNY", (), ((1, 10, "¥"),)),
            (1, 46, "yuan", (), ((1, 10, "¥"),)),
            (1, 54, "renminbi", (), ((1, 10, "¥"),)),
        ],
        None,
    ),
]


@pytest.mark.parametrize(("rule", "text", "expected", "fixed"), DOCUMENT_CASES)
def test_document_level_finding(rule: str, text: str, expected: list[Row], fixed: str | None):
    check(rule, text, expected, fixed)


# ---- segment-level checks -----------------------------------------------------------

SEGMENT_CASES = [
    # unit-conversion: the fix replaces the second figure only, in its own format
    ("unit-conversion", "A range of 500 km (500 miles).", [(1, 20, "500 miles", ("311",))],
     "A range of 500 km (311 miles)."),
    ("unit-conversion", "It weighs 100 kg (100 lb).", [(1, 19, "100 lb", ("220",))],
     "It weighs 100 kg (220 lb)."),
    ("unit-conversion", "Bake at 180°C (180°F).", [(1, 16, "180°F", ("356",))],
     "Bake at 180°C (356°F)."),
    ("unit-conversion", "A range of 5,000 km (5,000 miles).", [(1, 22, "5,000 miles", ("3,107",))],
     "A range of 5,000 km (3,107 miles)."),
    ("unit-conversion", "A range of 10 km (6.2 miles) and 10 km (10.0 miles).",
     [(1, 41, "10.0 miles", ("6.2",))], "A range of 10 km (6.2 miles) and 10 km (6.2 miles)."),
    ("unit-conversion", "A range of 800 km/800 mi.", [(1, 19, "800 mi", ("497",))],
     "A range of 800 km/497 mi."),
    # unit-case
    ("unit-case", "It weighs 5 KG and uses 75 Kwh.",
     [(1, 13, "KG", ("kg",)), (1, 28, "Kwh", ("kWh",))], "It weighs 5 kg and uses 75 kWh."),
    ("unit-case", "A 75 KWH pack and 120 KM/H.",
     [(1, 6, "KWH", ("kWh",)), (1, 23, "KM/H", ("km/h",))], "A 75 kWh pack and 120 km/h."),
    ("unit-case", "A 75 kwh pack, 120 KM and 5 Kg.",
     [(1, 6, "kwh", ("kWh",)), (1, 20, "KM", ("km",)), (1, 29, "Kg", ("kg",))],
     "A 75 kWh pack, 120 km and 5 kg."),
    # decimal-mark
    ("decimal-mark", "The pack weighs 3,5 kg.", [(1, 17, "3,5", ("3.5",))],
     "The pack weighs 3.5 kg."),
    ("decimal-mark", "It costs 1.000,5 in total.", [(1, 10, "1.000,5", ("1,000.5",))],
     "It costs 1,000.5 in total."),
    ("decimal-mark", "It costs €1.000,50 in total.", [(1, 11, "1.000,50", ("1,000.50",))],
     "It costs €1,000.50 in total."),
    ("decimal-mark", "About 1.000.000 km were driven.", [(1, 7, "1.000.000", ("1,000,000",))],
     "About 1,000,000 km were driven."),
    ("decimal-mark", "It weighs 12,5kg and costs RMB 3,50.",
     [(1, 11, "12,5", ("12.5",)), (1, 32, "3,50", ("3.50",))],
     "It weighs 12.5kg and costs RMB 3.50."),
    # chinese-magnitude
    ("chinese-magnitude", "It sold 30 ten thousand units.",
     [(1, 9, "30 ten thousand", ("300,000",))], "It sold 300,000 units."),
    ("chinese-magnitude", "Sales reached 1.2 hundred million yuan.",
     [(1, 15, "1.2 hundred million yuan", ("120 million yuan",))],
     "Sales reached 120 million yuan."),
    ("chinese-magnitude", "It cost 5 wan.", [(1, 9, "5 wan", ("50,000",))], "It cost 50,000."),
    ("chinese-magnitude", "A fund of 3 yi.", [(1, 11, "3 yi", ("300 million",))],
     "A fund of 300 million."),
    ("chinese-magnitude", "The video has 10w views.", [(1, 15, "10w", ("100,000",))],
     "The video has 100,000 views."),
    ("chinese-magnitude", "It cost RMB 10w.", [(1, 13, "10w", ("100,000",))],
     "It cost RMB 100,000."),
    ("chinese-magnitude", "It sold 30万 units and 1.2亿 more.",
     [(1, 9, "30万", ("300,000",)), (1, 23, "1.2亿", ("120 million",))],
     "It sold 300,000 units and 120 million more."),
    ("chinese-magnitude", "The price starts at 30万元.", [(1, 21, "30万元", ("300,000 yuan",))],
     "The price starts at 300,000 yuan."),
    ("chinese-magnitude", "It ran 30万公里 and sold 2 ten-thousand cars.",
     [(1, 8, "30万公里", ("300,000 km",)), (1, 23, "2 ten-thousand", ("20,000",))],
     "It ran 300,000 km and sold 20,000 cars."),
    ("chinese-magnitude", "Debt of 2万亿 and 3千万.",
     [(1, 9, "2万亿", ("2 trillion",)), (1, 17, "3千万", ("30 million",))],
     "Debt of 2 trillion and 30 million."),
    # chinese-unit: market units get their metric value, and the kept unit as a second
    # suggestion (so the fix is unsafe); 1 jin = 0.5 kg, 1 mu = 666.67 m², 1 li = 500 m
    ("chinese-unit", "Buy 2 jin of apples.", [(1, 5, "2 jin", ("1 kg", "2 jin (1 kg)"))],
     "Buy 1 kg of apples."),
    ("chinese-unit", "Buy 2斤 of apples.", [(1, 5, "2斤", ("1 kg", "2 jin (1 kg)"))],
     "Buy 1 kg of apples."),
    ("chinese-unit", "A farm of 15 mu.", [(1, 11, "15 mu", ("10,000 m²", "15 mu (10,000 m²)"))],
     "A farm of 10,000 m²."),
    ("chinese-unit", "A farm of 3 亩.", [(1, 11, "3 亩", ("2,000 m²", "3 mu (2,000 m²)"))],
     "A farm of 2,000 m²."),
    ("chinese-unit", "A farm of 1亩.", [(1, 11, "1亩", ("667 m²", "1 mu (667 m²)"))],
     "A farm of 667 m²."),
    ("chinese-unit", "Walk 10 li, then 10里.",
     [(1, 6, "10 li", ("5 km", "10 li (5 km)")), (1, 18, "10里", ("5 km", "10 li (5 km)"))],
     "Walk 5 km, then 5 km."),
    ("chinese-unit", "Add 2 liang and 3两 of tea.",
     [(1, 5, "2 liang", ("100 g", "2 liang (100 g)")),
      (1, 17, "3两", ("150 g", "3 liang (150 g)"))],
     "Add 100 g and 150 g of tea."),
    ("chinese-unit", "A range of 500公里 at 100元 a charge.",
     [(1, 12, "500公里", ("500 km",)), (1, 21, "100元", ("100 yuan",))],
     "A range of 500 km at 100 yuan a charge."),
    ("chinese-unit", "A flat of 90平方米 and 80平米.",
     [(1, 11, "90平方米", ("90 m²",)), (1, 21, "80平米", ("80 m²",))],
     "A flat of 90 m² and 80 m²."),
    # chinese-date
    ("chinese-date", "It launched on 2023 year 5 month 20 day.",
     [(1, 16, "2023 year 5 month 20 day", ("May 20, 2023", "20 May 2023"))],
     "It launched on May 20, 2023."),
    ("chinese-date", "It launched on 2023年5月20日.",
     [(1, 16, "2023年5月20日", ("May 20, 2023", "20 May 2023"))], "It launched on May 20, 2023."),
    ("chinese-date", "Deliveries start 5月20日.", [(1, 18, "5月20日", ("May 20", "20 May"))],
     "Deliveries start May 20."),
    ("chinese-date", "Founded in 2015年.", [(1, 12, "2015年", ("2015",))], "Founded in 2015."),
    ("chinese-date", "Since 2023年5月, open 12月31号.",
     [(1, 7, "2023年5月", ("May 2023",)), (1, 21, "12月31号", ("December 31", "31 December"))],
     "Since May 2023, open December 31."),
    ("chinese-date", "On ２０２３年５月２０日.",
     [(1, 4, "２０２３年５月２０日", ("May 20, 2023", "20 May 2023"))], "On May 20, 2023."),
    # redundant-currency (kind: pattern)
    ("redundant-currency", "It costs RMB 100 yuan.", [(1, 10, "RMB 100 yuan", ("RMB 100",))],
     "It costs RMB 100."),
    ("redundant-currency", "It costs CNY1,000元.", [(1, 10, "CNY1,000元", ("CNY 1,000",))],
     "It costs CNY 1,000."),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "text", "expected", "fixed"), SEGMENT_CASES)
def test_segment_level_finding(rule: str, text: str, expected: list[Row], fixed: str):
    check(rule, text, expected, fixed)
    assert all(finding.related == () for finding in run(rule, text))


SILENT = [
    # thousands-separator: only quantities count (a figure with a unit or currency, or
    # with a separator); each text has a comma-grouped quantity of the same class
    ("thousands-separator", "In 2023 we drove 1,000 km."),
    ("thousands-separator", "Firmware 1.2.3 and version 2.1000 drove 1,000 km."),
    ("thousands-separator", "The L9 and the M7 drove 1,000 km."),
    ("thousands-separator", "ISO 9001 plants built the A1000; it drove 1,000 km."),
    ("thousands-separator", "Call 13800138000 or 010-12345678; it drove 10,000 km."),
    ("thousands-separator", "Files file_2000, abc2000 and x1000 cover 1,000 km."),
    ("thousands-separator", "It weighs 4000 kg and carries 40,000 kg."),
    ("thousands-separator", "It weighs 1200 kg and costs 15,000 yuan."),
    ("thousands-separator", "In 2023 the L9 went 1,000 km on version 2.1000 firmware."),
    # unit-system: conversions next to the figure and conventional inches do not mix
    ("unit-system", "The range is 500 km (310 miles) and 800 km."),
    ("unit-system", "The range is 500 km/310 mi, or 800 km."),
    ("unit-system", "0-100 km/h (0-62 mph) in 4 s, top speed 200 km/h."),
    ("unit-system", "A 15.6-inch screen, 1,800 mm wide, 4.8 m long, on 19-inch wheels."),
    ("unit-system", "It weighs 100 kg or 220 lb, and tows 750 kg."),
    ("unit-system", "Drive 5 miles, then 10 miles more."),
    # unit-conversion
    ("unit-conversion", "A range of 500 km (310 miles)."),
    ("unit-conversion", "It weighs 100 kg (220 lb)."),
    ("unit-conversion", "Bake at 180°C (356°F), about 1 kg (2.2 lb) of dough."),
    ("unit-conversion", "0-100 km/h (0-62 mph) in 4 seconds; 150 kW (201 hp)."),
    ("unit-conversion", "A range of 500 km (approx. 310 miles) or 500 km or 310 miles."),
    ("unit-conversion", "Torque 300 Nm (221 lb-ft) and a 100 m² (1,076 sq ft) flat."),
    # unit-case: one-letter symbols could be another unit
    ("unit-case", "Sizes 5 M and 10 G."),
    ("unit-case", "A 75 kWh pack, 5000 mAh, 120 km/h and 5 kg."),
    ("unit-case", "TOP SPEED: 200 KM/H"),
    # unit-spacing: percent, degrees and hyphenated adjectives are not counted
    ("unit-spacing", "It weighs 100 kg, tows 750 kg, a 100-kg load at 25°C and 50%."),
    ("unit-spacing", "It weighs 100kg and tows 750kg."),
    # unit-form
    ("unit-form", "Walk five kilometres, then 2 kilometres more."),
    ("unit-form", "The range is 500 km, 20 km more than before, and 30 km in town."),
    # decimal-mark: a bare "3,5" may be a list, a bare "1.000.000" a version
    ("decimal-mark", "See chapters 3,5 and 7."),
    ("decimal-mark", "Version 1.000.000 is out."),
    ("decimal-mark", "It weighs 3.5 kg, 1,500 kg and costs 1,000.50 yuan."),
    # ambiguous-currency: a bare ¥ with no mention of yen or Japan
    ("ambiguous-currency", "The price is ¥15,000 in Beijing."),
    ("ambiguous-currency", "The Tokyo price is JP¥300,000, the Beijing one is RMB 15,000."),
    ("ambiguous-currency", "The yen fell; it costs RMB 100."),
    # chinese-magnitude
    ("chinese-magnitude", "Ten thousand people came; one hundred million is a lot."),
    ("chinese-magnitude", "A 10w charger and a 65W one."),
    ("chinese-magnitude", "The 5 wants and 3 yields; 3 Yi people."),
    # chinese-unit
    ("chinese-unit", "Buy 1 kg of apples in Jinan; Li Mu wrote it."),
    # chinese-date: words say a date only in pairs
    ("chinese-date", "It launched on May 20, 2023, after a 5 month delay."),
    ("chinese-date", "The 2023 year-end report; it took 2023 years and 5 months."),
    ("chinese-date", "Neither 13月5日 nor 5月32日."),
    # percent-notation: "percentage points" is not a way of writing percent
    ("percent-notation", "Sales rose 50%, costs 20% and margins 3 percentage points."),
    ("percent-notation", "Up 3 percentage points, 4 percentage points and 5%."),
    ("percent-notation", "Sales rose 50 per cent and 20 per cent."),
    # currency-notation: only amounts count
    ("currency-notation", "It costs RMB 200,000 and the charger RMB 3,000."),
    ("currency-notation", "The RMB rose; 5 yuan is cheap, CNY exchange."),
    # redundant-currency
    ("redundant-currency", "It costs RMB 100 or 100 yuan."),
]


@pytest.mark.parametrize(("rule", "text"), SILENT)
def test_stays_silent(rule: str, text: str):
    assert run(rule, text) == []


def test_fix_applicability_is_unsafe_with_two_suggestions_or_an_unsafe_rule():
    def applicability(rule: str, text: str) -> list[str]:
        return [finding.fix.applicability.value for finding in run(rule, text)]

    assert applicability("chinese-unit", "A range of 500公里, 2 jin.") == ["safe", "unsafe"]
    assert applicability("chinese-date", "Since 2023年5月, open 12月31号.") == ["safe", "unsafe"]
    assert applicability("unit-case", "5 KG") == ["safe"]
    assert applicability("decimal-mark", "3,5 kg") == ["unsafe"]
    assert applicability("unit-conversion", "500 km (500 miles)") == ["unsafe"]
    assert applicability("unit-system", "500 km, 180 km/h and 60 miles.") == ["unsafe"]


MESSAGES = [
    (
        "thousands-separator",
        "A range of 1000 km, priced below 1,000 yuan, with 2,000 km more.",
        '"1000" is written without a separator; this text writes its other 4-digit figures'
        ' with commas ("1,000" on line 1).',
    ),
    (
        "unit-system",
        "It drove 500 km.\nThen 10 miles.",
        '"10 miles" is imperial, but this text gives length in metric units ("500 km" on'
        " line 1).",
    ),
    (
        "ambiguous-currency",
        "The price is ¥15,000.\nIn Tokyo it is more.",
        '"¥" may be Chinese yuan or Japanese yen, and this text also speaks of "Tokyo" on'
        " line 2; write CN¥ or RMB for yuan, JP¥ or JPY for yen.",
    ),
    ("unit-conversion", "A range of 500 km (500 miles).",
     '"500 miles" is not "500 km": that is 311 mi.'),
    ("unit-case", "5 KG", 'The unit is written "kg", not "KG".'),
    ("chinese-unit", "Buy 2 jin.",
     '"2 jin" keeps a Chinese unit; write "1 kg" (on the mainland; 0.6 kg in Taiwan).'),
    ("chinese-unit", "Buy 2 liang.", '"2 liang" keeps a Chinese unit; write "100 g".'),
    ("percent-notation", "Up 50%.\nDown 3 percent.",
     'Percent written "percent"; this text writes "%" (line 1).'),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "text", "message"), MESSAGES)
def test_message(rule: str, text: str, message: str):
    (finding,) = run(rule, text)
    assert finding.message == message


# ---- document-level decisions --------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        # equal counts: the style that appears first wins
        (
            "thousands-separator",
            "It weighs 1 000 kg and carries 1,000 kg.",
            [(1, 32, "1,000", ("1 000",), ((1, 11, "1 000"),))],
        ),
        (
            "thousands-separator",
            "It weighs 1,000 kg and carries 1 000 kg.",
            [(1, 32, "1 000", ("1,000",), ((1, 11, "1,000"),))],
        ),
        (
            "thousands-separator",
            "From 1000 km, priced below 1,000 yuan.",
            [(1, 28, "1,000", ("1000",), ((1, 6, "1000"),))],
        ),
        (
            "unit-system",
            "It drove 5 miles, then 500 km, then 10 miles, then 300 km.",
            [
                (1, 24, "500 km", ("311 mi (500 km)",), ((1, 10, "5 miles"),)),
                (1, 52, "300 km", ("186 mi (300 km)",), ((1, 10, "5 miles"),)),
            ],
        ),
        (
            "unit-spacing",
            "It weighs 100kg and tows 750 kg.",
            [(1, 26, "750 kg", ("750kg",), ((1, 11, "100kg"),))],
        ),
        (
            "percent-notation",
            "Rose 50 percent; 20%.",
            [(1, 20, "%", (), ((1, 9, "percent"),))],
        ),
    ],
)
def test_a_tie_goes_to_the_style_that_appears_first(rule: str, text: str, expected: list[Row]):
    assert rows(run(rule, text), text, f"units.{rule}") == expected


def test_each_file_is_its_own_document(tmp_path: Path):
    commas = tmp_path / "a.txt"
    commas.write_text("It drove 1,000 km and 2,000 km.\n", encoding="utf-8")
    mixed = tmp_path / "b.txt"
    mixed.write_text("It drove 1000 km.\nThen 3000 km and 4,000 km.\n", encoding="utf-8")
    plain = tmp_path / "c.txt"
    plain.write_text("It drove 1000 km and 2000 km.\n", encoding="utf-8")
    rules = lint.load_rules(selected=["units.thousands-separator"])
    report = lint.check_paths([str(commas), str(mixed), str(plain)], rules=rules)
    assert report.files_checked == 3
    assert report.errors == ()
    assert [
        (f.path, f.rule, f.start, f.end, f.text, [(r.start, r.end) for r in f.related])
        for f in report.findings
    ] == [(str(mixed), "units.thousands-separator", 35, 40, "4,000", [(9, 13)])]


def test_a_file_with_only_one_style_is_silent_beside_a_file_with_another(tmp_path: Path):
    first = tmp_path / "one.txt"
    first.write_text("Range: 1,000 km.\n", encoding="utf-8")
    second = tmp_path / "two.txt"
    second.write_text("Range: 1000 km.\n", encoding="utf-8")
    rules = lint.load_rules(selected=["units"])
    report = lint.check_paths([str(first), str(second)], rules=rules)
    assert (report.files_checked, report.findings) == (2, ())


def test_a_preferred_style_the_text_never_uses_reports_every_use():
    text = "It drove 1000 km and 2000 km."
    settings = Settings(prefer={"units.thousands-separator": "comma"})
    found = run("thousands-separator", text, settings)
    assert rows(found, text, "units.thousands-separator") == [
        (1, 10, "1000", ("1,000",)),
        (1, 22, "2000", ("2,000",)),
    ]
    assert [finding.related for finding in found] == [(), ()]
    assert apply_fixes(text, found) == "It drove 1,000 km and 2,000 km."


def test_a_preferred_style_the_text_uses_wins_even_when_rarer():
    text = "It drove 1000 km and 2,000 km and 3000 km."
    settings = Settings(prefer={"units.thousands-separator": "comma"})
    found = run("thousands-separator", text, settings)
    assert rows(found, text, "units.thousands-separator") == [
        (1, 10, "1000", ("1,000",), ((1, 22, "2,000"),)),
        (1, 35, "3000", ("3,000",), ((1, 22, "2,000"),)),
    ]


@pytest.mark.parametrize(
    ("rule", "prefer", "text", "expected"),
    [
        ("thousands-separator", "none", "It drove 1000 km and 2000 km.", []),
        (
            "unit-spacing",
            "spaced",
            "It weighs 100kg and 20kg.",
            [(1, 11, "100kg", ("100 kg",)), (1, 21, "20kg", ("20 kg",))],
        ),
        ("unit-form", "symbol", "It weighs 100 kilograms.", [(1, 15, "kilograms", ("kg",))]),
        (
            "percent-notation",
            "percent",
            "Up 50%, 20% and 30 percent.",
            [(1, 6, "%", (), ((1, 20, "percent"),)), (1, 11, "%", (), ((1, 20, "percent"),))],
        ),
    ],
)
def test_settings_prefer_a_style(rule: str, prefer: str, text: str, expected: list[Row]):
    found = run(rule, text, Settings(prefer={f"units.{rule}": prefer}))
    assert rows(found, text, f"units.{rule}") == expected


def test_ambiguous_currency_takes_no_preference():
    text = "The Tokyo price is ¥300,000."
    with pytest.raises(ValueError, match="unknown style 'sign'"):
        run("ambiguous-currency", text, Settings(prefer={"units.ambiguous-currency": "sign"}))
    assert run("ambiguous-currency", "It costs ¥100.", Settings()) == []


# ---- all the rules together: each problem reported once -----------------------------


def all_rules(text: str) -> list[tuple]:
    index = LineIndex.of(text)
    return [(f.rule, *index.position(f.start), f.text) for f in lint.check_text(text, "t.txt")]


def test_chinese_counts_units_and_dates_are_reported_by_the_units_rules_only():
    text = "The 整车 costs 30万元, weighs 2斤 and ships 5月20日."
    assert all_rules(text) == [
        ("untranslated.cjk-text", 1, 5, "整车"),
        ("units.chinese-magnitude", 1, 14, "30万元"),
        ("units.chinese-unit", 1, 27, "2斤"),
        ("units.chinese-date", 1, 40, "5月20日"),
    ]


def test_a_mixed_text_gets_one_finding_per_problem():
    text = (
        "It costs 30万元, weighs 2斤 and ships 5月20日.\n"
        "The range is 1000 km, priced below 1,000 yuan.\n"
        "It weighs 5 KG, or 3,5 kg, and sold 1.2 hundred million units on 2023 year 5 month"
        " 20 day.\n"
    )
    assert all_rules(text) == [
        ("units.chinese-magnitude", 1, 10, "30万元"),
        ("units.chinese-unit", 1, 23, "2斤"),
        ("units.chinese-date", 1, 36, "5月20日"),
        ("units.thousands-separator", 2, 36, "1,000"),
        ("units.unit-case", 3, 13, "KG"),
        ("units.decimal-mark", 3, 20, "3,5"),
        ("units.chinese-magnitude", 3, 37, "1.2 hundred million"),
        ("units.chinese-date", 3, 66, "2023 year 5 month 20 day"),
    ]


# ---- cases an independent review found, fixed since ----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A range of 100 km (100 miles).", [(1, 20, "100 miles", ("62",))]),
        ("A range of 10 km (10 miles).", [(1, 19, "10 miles", ("6",))]),
        ("A range of 1,000 km (1,000 miles).", [(1, 22, "1,000 miles", ("621",))]),
        ("0-100 km/h (0-100 mph) in 4 seconds.", [(1, 15, "100 mph", ("62",))]),
    ],
)
def test_conversion_of_a_round_figure_swapped_without_converting(text: str, expected: list[Row]):
    assert rows(run("unit-conversion", text), text, "units.unit-conversion") == expected


def test_two_conversions_in_a_row_are_two_pairs():
    assert run("unit-conversion", "A range of 500 km/310 mi or 800 km/497 mi.") == []


def test_unit_case_after_an_acronym():
    text = "CATL 75 KWH pack."
    assert rows(run("unit-case", text), text, "units.unit-case") == [(1, 9, "KWH", ("kWh",))]


def test_ambiguous_currency_with_a_capitalised_mention():
    text = "Yen prices: ¥300."
    assert rows(run("ambiguous-currency", text), text, "units.ambiguous-currency") == [
        (1, 13, "¥", (), ((1, 1, "Yen"),))
    ]


def test_ambiguous_currency_with_a_fullwidth_sign():
    text = "The Japanese price is ￥300,000."
    assert rows(run("ambiguous-currency", text), text, "units.ambiguous-currency") == [
        (1, 23, "￥", (), ((1, 5, "Japanese"),))
    ]


def test_percent_sign_after_a_space_is_reported_at_the_sign():
    text = "Rose 50 percent and 20 %."
    assert rows(run("percent-notation", text), text, "units.percent-notation") == [
        (1, 24, "%", (), ((1, 9, "percent"),))
    ]


def test_a_redundant_currency_is_reported_once():
    assert all_rules("It costs RMB 100 yuan and RMB 200.") == [
        ("units.redundant-currency", 1, 10, "RMB 100 yuan")
    ]


# ---- unit tables and quantity modules ------------------------------------------------

TABLE = """\
dimensions:
  mass:
    base: kg
    units:
      - {symbol: kg, system: metric, factor: 1, case_strict: true}
      - {symbol: jin, system: chinese, factor: 0.5, spellings: [], chinese: [斤, jin], convert_to: kg}
months: [January, February, March, April, May, June, July, August, September, October,
         November, December]
date_markers:
  year: [年]
  month: [月]
  day: [日]
"""  # noqa: E501

QUANTITY_RULE = """\
module: user
description: d
category: style
rules:
  - id: q
    kind: quantity
    check: {check}
    units: units.yaml
    message: '{{match}}'
    examples:
      bad: ['{bad}']
"""


def quantity_module(
    tmp_path: Path, table: str = TABLE, check: str = "unit-case", bad: str = "5 KG"
) -> Path:
    (tmp_path / "units.yaml").write_text(table, encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text(QUANTITY_RULE.format(check=check, bad=bad), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(RuleModuleError) as caught:
        load_module(path)
    return list(caught.value.problems)


def test_a_user_module_reads_its_own_unit_table(tmp_path: Path):
    rules = load_module(quantity_module(tmp_path, check="chinese-unit", bad="2 jin")).rules
    text = "Buy 2 jin, 3斤 and 5 KG; 2 mu."
    found = lint.check_text(text, "t.txt", rules=rules)
    assert rows(found, text, "user.q") == [
        (1, 5, "2 jin", ("1 kg", "2 jin (1 kg)")),
        (1, 12, "3斤", ("1.5 kg", "3 jin (1.5 kg)")),
    ]
    (tmp_path / "case").mkdir()
    (case,) = load_module(quantity_module(tmp_path / "case", check="unit-case")).rules
    assert rows(lint.check_text(text, "t.txt", rules=[case]), text, "user.q") == [
        (1, 21, "KG", ("kg",))
    ]


TABLE_PROBLEMS = [
    (("factor: 1, case_strict: true}", "factor: 1, case_strict: true, colour: red}"),
     "5: unit: unknown key 'colour'"),
    (("system: chinese", "system: market"),
     "6: unit system must be one of metric, imperial, chinese, none"),
    (("factor: 0.5", "factor: 0"), "6: a unit's factor cannot be 0"),
    (("factor: 0.5", "factor: half"), "6: unit: 'factor' must be a number"),
    (("    base: kg\n", "    base: kg\n    colour: red\n"),
     "4: dimension 'mass': unknown key 'colour'"),
    (("date_markers:", "extra: 1\ndate_markers:"), "9: unit table: unknown key 'extra'"),
    (("  day: [日]\n", ""), "9: date_markers: missing key 'day'"),
    (("months:", "months: ["), "9: invalid YAML: did not find expected ',' or ']'"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "problem"), TABLE_PROBLEMS)
def test_unit_table_problem_names_module_table_and_line(
    tmp_path: Path, change: tuple[str, str], problem: str
):
    assert change[0] in TABLE
    path = quantity_module(tmp_path, TABLE.replace(*change, 1))
    table = tmp_path / "units.yaml"
    assert problems_of(path) == [f"{path}:8: rule 'user.q': {table}:{problem}"]


TABLE_PROBLEMS_WITHOUT_LINE = [
    (("convert_to: kg", "convert_to: lb"), "6: unit 'lb' is not in the table"),
    (("November, December]", "November]"), "7: 'months' must name the twelve months in order"),
]


@pytest.mark.parametrize(("change", "problem"), TABLE_PROBLEMS_WITHOUT_LINE)
def test_unit_table_problem_names_module_and_table(
    tmp_path: Path, change: tuple[str, str], problem: str
):
    path = quantity_module(tmp_path, TABLE.replace(*change, 1))
    (found,) = problems_of(path)
    assert found.startswith(f"{path}:8: rule 'user.q': {tmp_path / 'units.yaml'}")
    assert found.endswith(problem.split(": ", 1)[1])


@pytest.mark.parametrize(("change", "problem"), TABLE_PROBLEMS_WITHOUT_LINE)
def test_unit_table_problem_names_its_line(tmp_path: Path, change: tuple[str, str], problem: str):
    path = quantity_module(tmp_path, TABLE.replace(*change, 1))
    table = tmp_path / "units.yaml"
    assert problems_of(path) == [f"{path}:8: rule 'user.q': {table}:{problem}"]


CHECKS = (
    "ambiguous-currency, chinese-date, chinese-magnitude, chinese-unit, decimal-mark, "
    "thousands-separator, unit-case, unit-conversion, unit-form, unit-spacing, unit-system"
)


@pytest.mark.parametrize(
    ("check", "problem"),
    [
        ("thousands", f"7: rule 'user.q': unknown check 'thousands' (known: {CHECKS})"),
        (
            "thousands-separator\n    prefer: dots",
            "8: rule 'user.q': 'prefer' must name a style of 'thousands-separator': "
            "comma, space, none",
        ),
        (
            "unit-case\n    prefer: comma",
            "8: rule 'user.q': 'prefer' must name a style of 'unit-case': none for this check",
        ),
        (
            "ambiguous-currency\n    prefer: mention",
            "8: rule 'user.q': 'prefer' must name a style of 'ambiguous-currency': "
            "none for this check",
        ),
    ],
)
def test_quantity_rule_problems(tmp_path: Path, check: str, problem: str):
    path = quantity_module(tmp_path, check=check)
    assert problems_of(path) == [f"{path}:{problem}"]


def test_a_missing_unit_table_is_named(tmp_path: Path):
    path = quantity_module(tmp_path)
    (tmp_path / "units.yaml").unlink()
    assert problems_of(path) == [
        f"{path}:8: rule 'user.q': cannot read {tmp_path / 'units.yaml'}: No such file or directory"
    ]


def test_a_module_prefer_is_the_default_preference(tmp_path: Path):
    path = tmp_path / "m.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            module: user
            description: d
            category: style
            rules:
              - id: sep
                kind: quantity
                check: thousands-separator
                prefer: comma
                message: '{match}'
                fix: '{suggestion}'
                examples:
                  bad:
                    - {text: 'It drove 1000 km.', fix: 'It drove 1,000 km.'}
            """
        ),
        encoding="utf-8",
    )
    rules = lint.load_rules([path], selected=["user"])
    text = "It drove 1000 km and 2000 km."
    assert rows(lint.check_text(text, "t.txt", rules=rules), text, "user.sep") == [
        (1, 10, "1000", ("1,000",)),
        (1, 22, "2000", ("2,000",)),
    ]
    settings = Settings(prefer={"user.sep": "none"})
    assert lint.check_text(text, "t.txt", rules=rules, settings=settings) == []


# ---- cases a second review found, fixed since ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Lows of -5°C (23°F).",
        "It was -40°C (-40°F).",
        "Limit warming to 1.5°C (2.7°F).",  # a difference of temperatures
        "It rose by 2 °C (3.6 °F).",
        "The marathon is 42.195 km, or 26.2 miles.",
        "A range of 500 km [310 miles].",
        "A range of 500 km – about 310 miles – on one charge.",
        "A range of 500 km (c. 310 miles).",
        "Keep it at 25 °C, i.e. 77 °F.",
        "He is 1.80 m (5 ft 11 in) tall.",  # a compound measure
    ],
)
def test_conversions_that_are_right_stay_silent(text: str):
    rules = lint.load_rules(selected=["units.unit-conversion", "units.unit-system"])
    assert lint.check_text(text, "t.txt", rules=rules) == []


@pytest.mark.parametrize(
    "text",
    [
        "It cost $1,500 in 2019 dollars, or 1,800 in 2023 euros.",  # years, not amounts
        "He ran 3 100 m sprints and the 1,500 m final.",  # two figures, not 3,100
        "The 4 400 m relay and the 1,600 m relay.",
        "Buy 10MM shares and 10 mm bolts.",  # MM: million in finance
        "Use 5W-30 oil, a 100 W lamp and a 65 W charger.",  # an oil grade
        "A 6.1 inches diagonal screen, 1.25 mm thin, 150 mm long.",
        "Write to e-mail@example.com; send an email, then another email.",
    ],
)
def test_figures_that_are_not_the_quantities_they_look_like(text: str):
    rules = lint.load_rules(selected=["units", "consistency"])
    assert lint.check_text(text, "t.txt", rules=rules) == []


def test_a_negative_figure_keeps_its_sign_in_a_fix():
    text = "Lows of -1000 m, -2,000 m and -3,000 m."
    assert rows(run("thousands-separator", text), text, "units.thousands-separator") == [
        (1, 9, "-1000", ("-1,000",), ((1, 18, "-2,000"),))
    ]


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        ("chinese-magnitude", "It costs 10w yuan.", [(1, 10, "10w yuan", ("100,000 yuan",))]),
        ("chinese-magnitude", "It costs 10w元.", [(1, 10, "10w元", ("100,000 yuan",))]),
        ("decimal-mark", "It made 1,5 million dollars.", [(1, 9, "1,5", ("1.5",))]),
        ("decimal-mark", "Fuel is 3,50 € per litre.", [(1, 9, "3,50", ("3.50",))]),
    ],
)
def test_more_artifacts(rule: str, text: str, expected: list[Row]):
    assert rows(run(rule, text), text, f"units.{rule}") == expected


def test_currency_written_after_the_figure_counts_as_its_notation():
    text = "It costs 100 RMB, the case 20 RMB and the charger 30 yuan."
    assert rows(run("currency-notation", text), text, "units.currency-notation") == [
        (1, 54, "yuan", (), ((1, 14, "RMB"),))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Buy 1" + "0" * 400 + " jin.",
        "It costs 1" + "0" * 400 + "万.",
        "Walk 5 km then " + "9" * 400 + " miles.",
        "１２３ " * 50 + "٣ kg and 1e5 km.",
    ],
)
def test_huge_and_odd_figures_do_not_break_the_run(text: str):
    assert [f.rule for f in lint.check_text(text, "t.txt") if f.rule.startswith("units.")] == []


def test_a_long_run_of_spaced_figures_is_read_in_one_pass():
    text = "Figures: " + "123 " * 2000 + "and 1000 km, 2,000 km and 3,000 km."
    found = run("thousands-separator", text)
    assert [f.text for f in found] == ["1000"]


def test_the_same_text_read_as_two_formats_keeps_its_quantities_apart():
    text = "It weighs 1000 kg and 2,000 kg."
    for path in ("a.txt", "a.md", "a.txt"):
        found = [(f.rule, f.text) for f in lint.check_text(text, path)]
        assert found == [("units.thousands-separator", "2,000")], path
