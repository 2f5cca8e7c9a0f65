"""The held-out sentence table: mutations and paraphrases of tests/fixtures/heldout_sentences.

The fixture's four sources (a USTR press release, a wire story, a White House
transcript, a tariff fact sheet) and its facts were written independently of
the default project. Each mutation changes one fact (its `text`, or a field)
and must fail with the given finding code; each paraphrase rewrites a fact's
`text` the way an analyst would and must stay proven with no finding at all.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Row:
    """One fact, the fields that replace its own, and the code expected (None: no finding at all)."""

    id: str
    fact: str
    changes: dict[str, Any]
    code: str | None = None


T = "text"
SUBJ, DIR, CNT = "subject-contradicts-quote", "direction-contradicts-quote", "counted-noun-differs"
NEG, HEDGE, EVENT, TENSE = "negation-differs", "hedge-differs", "event-differs", "tense-differs"
ACTOR, REV, ROLE = "actor-not-in-quote", "actors-reversed", "figure-role-differs"

MUTATIONS = [
    # what the figure measures
    Row("subj-trade-as-surplus", "kenya-goods-trade-2024",
        {T: "The U.S. goods trade surplus with Kenya totaled an estimated $1.9 billion in 2024."}, SUBJ),
    Row("subj-exports-as-imports", "kenya-exports-2024", {T: "U.S. goods imports from Kenya were $1.1 billion in 2024."},
        SUBJ),
    Row("subj-imports-as-exports", "kenya-imports-2024",
        {T: "U.S. goods exports to Kenya totaled $820 million in 2024."}, SUBJ),
    Row("subj-deficit-as-trade", "vietnam-deficit-2024",
        {T: "Total U.S. goods trade with Vietnam reached $123.5 billion in 2024."}, SUBJ),
    Row("subj-surplus-as-deficit", "kenya-surplus-2024",
        {T: "The U.S. goods trade deficit with Kenya was $280 million in 2024."}, SUBJ),
    Row("subj-investment-as-exports", "kenya-fdi-stock-2023",
        {T: "U.S. exports to Kenya were about $1.3 billion in 2023."}, SUBJ),
    Row("subj-dead-as-injured", "cotabato-dead", {T: "The bombing injured at least 11 people."}, SUBJ),
    Row("subj-wounded-as-killed", "cotabato-wounded", {T: "The bombing killed 34 others."}, SUBJ),
    Row("subj-arrested-as-killed", "cotabato-arrests", {T: "Police killed three suspects after the bombing."}, SUBJ),
    # the noun the figure counts
    Row("count-people-as-children", "cotabato-dead", {T: "The bombing killed at least 11 children."}, CNT),
    Row("count-children-as-tourists", "cotabato-children", {T: "Two tourists were among the dead."}, CNT),
    Row("count-operations-as-cells", "cotabato-operations",
        {T: "Philippine forces have destroyed 14 Dawlah Islamiyah cells in Maguindanao since January."}, CNT),
    Row("count-suspects-as-soldiers", "cotabato-arrests", {T: "Police arrested three soldiers after the bombing."}, CNT),
    # which way it moves
    Row("dir-exports-fell", "kenya-exports-growth-2024", {T: "U.S. goods exports to Kenya fell 12.4 percent in 2024."},
        DIR),
    Row("dir-imports-rose", "kenya-imports-decline-2024",
        {T: "U.S. goods imports from Kenya rose 3.1 percent in 2024."}, DIR),
    Row("dir-surplus-narrowed", "kenya-surplus-growth-2024",
        {T: "The U.S. goods trade surplus with Kenya narrowed 41.4 percent in 2024."}, DIR),
    Row("dir-deficit-narrowed", "vietnam-deficit-2024",
        {T: "The U.S. goods trade deficit with Vietnam narrowed to $123.5 billion in 2024."}, DIR),
    Row("dir-duty-lifted", "kenya-poultry-duty-2023",
        {T: "Kenya lifted a 25 percent duty on imported U.S. poultry in 2023."}, DIR),
    Row("dir-tariff-decrease", "solar-tariff-change",
        {T: "The tariff rate on solar cells will decrease from 25% to 50% in 2025."}, DIR),
    Row("dir-not-cut", "no-electronics-tariffs",
        {T: "The Administration will not cut tariffs on consumer electronics at this time."}, DIR),
    Row("dir-exports-fell-from", "vietnam-exports-change",
        {T: "Vietnam’s exports to the United States fell from $114.4 billion in 2023 to $136.6 billion in 2024."}, DIR),
    Row("dir-duty-raise", "kenya-poultry-duty-cut",
        {T: "Kenya will raise its duty on U.S. poultry to 10 percent by 2026."}, DIR),
    Row("dir-troops-withdrawn", "cotabato-troops",
        {T: "Dizon ordered the armed forces to withdraw about 500 troops from the province."}, DIR),
    Row("tense-increase-done", "solar-tariff-change",
        {T: "The tariff rate on solar cells was increased from 25% to 50% in 2025."}, TENSE),
    # who does what to whom
    Row("rev-duty-imposer", "kenya-poultry-duty-2023",
        {T: "The United States imposed a 25 percent duty on imported Kenyan poultry in 2023."}, REV),
    Row("rev-exports-flow", "kenya-exports-2024",
        {T: "Kenya’s goods exports to the United States were $1.1 billion in 2024."}, REV),
    Row("rev-vietnam-flow", "vietnam-exports-2024", {T: "U.S. exports to Vietnam rose to $136.6 billion in 2024."},
        REV),
    # actors the quote does not name
    Row("actor-japan-condemned", "us-condemned-bombing", {T: "Japan condemned the attack."}, ACTOR),
    Row("actor-korean-cars", "japan-car-tariff",
        {T: "The tariff on Korean cars stays at 25 percent until Korea opens its market."}, ACTOR),
    Row("actor-dizon-at-meeting", "holt-mutua-meeting",
        {T: "Holt and Mutua met President Dizon in Nairobi on March 12, 2025."}, ACTOR),
    Row("actor-us-forces", "cotabato-operations",
        {T: "Philippine and U.S. forces have carried out 14 operations against Dawlah Islamiyah cells in Maguindanao "
            "since January."}, ACTOR),
    Row("actor-vietnam-not-in-bullet", "steel-tariff-2026",
        {T: "The tariff rate on certain steel and aluminum products from Vietnam will be 25% in 2026."}, ACTOR),
    # negation
    Row("neg-claimed", "cotabato-no-claim", {T: "A group has claimed responsibility for the attack."}, NEG),
    Row("neg-will-raise", "no-electronics-tariffs",
        {T: "The Administration will raise tariffs on consumer electronics at this time."}, NEG),
    Row("neg-did-not-condemn", "us-condemned-bombing", {T: "The United States did not condemn the attack."}, NEG),
    Row("neg-would-accept", "holt-on-barriers",
        {T: "Holt said the United States would accept barriers that keep American products out of Kenya."}, NEG),
    Row("neg-allow-terror", "dizon-on-terror", {T: "Dizon vowed to allow terror to return to Mindanao."}, NEG),
    Row("neg-no-progress", "mutua-on-progress",
        {T: "Mutua said the talks had produced no progress on agriculture and digital trade."}, NEG),
    # hedges
    Row("hedge-estimated-dropped", "kenya-goods-trade-2024",
        {T: "U.S. goods trade with Kenya totaled $1.9 billion in 2024."}, HEDGE),
    Row("hedge-at-least-dropped", "cotabato-dead", {T: "The bombing killed 11 people."}, HEDGE),
    Row("hedge-exactly-added", "cotabato-troops",
        {T: "Dizon ordered the armed forces to deploy exactly 500 additional troops to the province."}, HEDGE),
    Row("hedge-more-than-added", "kenya-imports-2024",
        {T: "U.S. goods imports from Kenya totaled more than $820 million in 2024."}, HEDGE),
    Row("hedge-about-as-at-least", "kenya-fdi-stock-2023",
        {T: "The stock of U.S. foreign direct investment in Kenya was at least $1.3 billion in 2023."}, HEDGE),
    Row("hedge-at-least-as-nearly", "cotabato-dead", {T: "The bombing killed nearly 11 people."}, HEDGE),
    Row("hedge-up-to-added", "japan-investment-pledge",
        {T: "Japan is going to invest up to $550 billion in the United States."}, HEDGE),
    # the event and its tense
    Row("event-met-as-called", "holt-mutua-meeting", {T: "Holt called Mutua in Nairobi on March 12, 2025."}, EVENT),
    Row("event-signed-as-announced", "customs-mou-signed",
        {T: "The two sides announced a memorandum of understanding on customs cooperation on March 13, 2025."}, EVENT),
    Row("event-exploded-as-defused", "cotabato-bombing",
        {T: "A bomb was defused at a crowded public market in Cotabato City on October 11, 2025."}, EVENT),
    Row("tense-heads-to-as-approved", "digital-trade-to-assembly",
        {T: "Kenya’s National Assembly approved a separate digital trade agreement."}, TENSE),
    Row("tense-signed-as-will-sign", "customs-mou-signed",
        {T: "The two sides will sign a memorandum of understanding on customs cooperation on March 13, 2025."}, TENSE),
    # who said it, and who the text credits
    Row("speaker-president-as-ortega", "president-not-lifting", {"speaker": "dana-ortega"}, "speaker-not-credited"),
    Row("speaker-ortega-as-president", "ortega-on-travel", {"speaker": "harlan-whitaker", T: "The President said he "
        "will travel to Pennsylvania."}, "speaker-not-credited"),
    Row("speaker-holt-as-mutua", "holt-on-barriers",
        {"speaker": "grace-mutua", T: "Mutua said Kenya would not accept barriers that keep American products out."},
        "speaker-not-credited"),
    Row("credits-ortega", "president-on-xi",
        {T: "Ortega said the President had not spoken with President Xi that week."}, "text-credits-other"),
    Row("credits-mutua", "holt-on-barriers",
        {T: "Mutua said the United States would not accept barriers that keep American products out of Kenya."},
        "text-credits-other"),
    # the figure's role: a from-value, another year's figure
    Row("role-from-value-steel", "steel-tariff-2026",
        {"value": Decimal("7.5"), T: "The tariff rate on certain steel and aluminum products will be 7.5% in 2026."}, ROLE),
    Row("role-from-value-gloves", "gloves-tariff-2026",
        {"value": Decimal("7.5"), T: "The tariff rate on medical gloves will be 7.5% in 2026."}, ROLE),
    Row("role-2023-value-as-2024", "vietnam-exports-2024",
        {"value": Decimal("114.4e9"), T: "Vietnam’s exports to the United States were $114.4 billion in 2024."}, ROLE),
    Row("role-2026-rate-as-2027", "gloves-tariff-2027",
        {"value": Decimal(50), T: "The tariff rate on medical gloves will reach 50% in 2027."}, ROLE),
    Row("role-2027-rate-as-2026", "gloves-tariff-2026",
        {"value": Decimal(100), T: "The tariff rate on medical gloves will reach 100% in 2026."}, ROLE),
    Row("role-2024-value-as-2023", "kenya-exports-2024",
        {"period": 2023, T: "U.S. goods exports to Kenya were $1.1 billion in 2023."}, "period-not-in-quote"),
    # a change the quote does not state
    Row("change-wrong-to", "solar-tariff-change",
        {"to": Decimal(100), T: "The tariff rate on solar cells will increase from 25% to 100% in 2025."}, "change-not-in-quote"),
]

PARAPHRASES = [
    Row("total-goods-trade", "kenya-goods-trade-2024",
        {T: "Total U.S. goods trade with Kenya was an estimated $1.9 billion in 2024."}),
    Row("trade-reordered", "kenya-goods-trade-2024",
        {T: "In 2024, U.S.-Kenya goods trade amounted to an estimated $1.9 billion."}),
    Row("american-exports", "kenya-exports-2024", {T: "American goods exports to Kenya reached $1.1 billion in 2024."}),
    Row("exported-verb", "kenya-exports-2024", {T: "In 2024 the United States exported $1.1 billion of goods to Kenya."}),
    Row("exports-grew-over-2023", "kenya-exports-growth-2024",
        {T: "U.S. goods exports to Kenya grew by 12.4% in 2024 over 2023."}),
    Row("exports-were-up", "kenya-exports-growth-2024", {T: "U.S. goods exports to Kenya were up 12.4 percent in 2024."}),
    Row("imports-declined", "kenya-imports-decline-2024",
        {T: "U.S. goods imports from Kenya declined 3.1% in 2024 compared with 2023."}),
    Row("imports-were-down", "kenya-imports-decline-2024", {T: "Goods imports from Kenya were down 3.1 percent in 2024."}),
    Row("imported-verb", "kenya-imports-2024", {T: "The United States imported $820 million of goods from Kenya in 2024."}),
    Row("washington-surplus", "kenya-surplus-2024",
        {T: "Washington ran a goods trade surplus of $280 million with Kenya in 2024."}),
    Row("surplus-grew", "kenya-surplus-growth-2024",
        {T: "The U.S. goods trade surplus with Kenya grew 41.4 percent in 2024 over 2023."}),
    Row("duty-levied", "kenya-poultry-duty-2023", {T: "In 2023 Kenya levied a 25% duty on imported U.S. poultry."}),
    Row("duty-passive", "kenya-poultry-duty-2023",
        {T: "A 25 percent duty on U.S. poultry imports was imposed by Kenya in 2023."}),
    Row("duty-cut", "kenya-poultry-duty-cut",
        {T: "Under the annex, Kenya will cut its poultry duty to 10 percent by 2026."}),
    Row("fdi-around", "kenya-fdi-stock-2023",
        {T: "The stock of U.S. foreign direct investment in Kenya was around $1.3 billion in 2023."}),
    Row("fdi-abbreviated", "kenya-fdi-stock-2023", {T: "The U.S. FDI stock in Kenya stood at roughly $1.3 billion in 2023."}),
    Row("met-titles", "holt-mutua-meeting",
        {T: "Ambassador Holt met Cabinet Secretary Mutua in Nairobi on March 12, 2025."}),
    Row("held-a-meeting", "holt-mutua-meeting", {T: "Holt and Mutua held a meeting in Nairobi on March 12, 2025."}),
    Row("mou-abbreviated", "customs-mou-signed", {T: "The two sides signed a customs cooperation MOU on March 13, 2025."}),
    Row("mou-passive", "customs-mou-signed",
        {T: "A memorandum of understanding on customs cooperation was signed on March 13, 2025."}),
    Row("goes-to-assembly", "digital-trade-to-assembly",
        {T: "A separate digital trade agreement is headed to Kenya’s National Assembly for approval."}),
    Row("killed-passive", "cotabato-dead", {T: "At least 11 people were killed in the bombing."}),
    Row("left-dead", "cotabato-dead", {T: "The market bombing left at least 11 people dead."}),
    Row("injured-for-wounded", "cotabato-wounded", {T: "The blast injured 34 others."}),
    Row("other-people", "cotabato-wounded", {T: "The bombing wounded 34 other people."}),
    Row("arrested-passive", "cotabato-arrests", {T: "Three suspects were arrested by police after the bombing."}),
    Row("detained", "cotabato-arrests", {T: "Police detained three suspects after the attack."}),
    Row("among-those-killed", "cotabato-children", {T: "Two children were among those killed."}),
    Row("around-more-troops", "cotabato-troops",
        {T: "President Dizon ordered the deployment of around 500 more troops to the province."}),
    Row("conducted-operations", "cotabato-operations",
        {T: "Since January, Philippine troops have conducted 14 operations against Dawlah Islamiyah cells in "
            "Maguindanao."}),
    Row("not-yet-claimed", "cotabato-no-claim", {T: "No group has yet claimed responsibility for the bombing."}),
    Row("washington-condemned", "us-condemned-bombing", {T: "Washington condemned the bombing."}),
    Row("us-abbreviated", "us-condemned-bombing", {T: "The U.S. condemned the attack."}),
    Row("general-macapaz", "macapaz-on-suspects",
        {T: "General Macapaz said police believe the three suspects planted the device."}),
    Row("dizon-would-not-allow", "dizon-on-terror",
        {T: "President Dizon said he would not allow terror to return to Mindanao."}),
    Row("invest-in-us", "japan-investment-pledge", {T: "Japan will invest $550 billion in the U.S."}),
    Row("tariff-stays-in-place", "japan-car-tariff",
        {T: "The 25% tariff on Japanese cars stays in place until Japan opens its market."}),
    Row("not-be-lifted", "president-not-lifting",
        {T: "The President said the tariffs on Japanese cars would not be lifted."}),
    Row("did-not-speak-xi", "president-on-xi", {T: "Whitaker said he did not speak with Xi this week."}),
    Row("press-secretary-said", "ortega-on-travel", {T: "Press Secretary Ortega said the President will travel to "
        "Pennsylvania."}),
    Row("section-301-apply", "vietnam-301-coverage",
        {T: "The tariff increases under Section 301 apply to $18 billion of imports from Vietnam."}),
    Row("steel-rise-to", "steel-tariff-2026",
        {T: "The tariff rate on certain steel and aluminum products will rise to 25% in 2026."}),
    Row("solar-rise-from", "solar-tariff-change", {T: "Tariffs on solar cells will rise from 25% to 50% in 2025."}),
    Row("gloves-increase-to", "gloves-tariff-2026",
        {T: "The tariff on medical and surgical gloves will increase to 50% in 2026."}),
    Row("gloves-2027", "gloves-tariff-2027", {T: "The tariff rate on rubber medical gloves will rise to 100% in 2027."}),
    Row("vietnamese-exports", "vietnam-exports-2024",
        {T: "Vietnamese exports to the U.S. increased to $136.6 billion in 2024."}),
    Row("exports-grew-from", "vietnam-exports-change",
        {T: "Vietnam’s exports to the US grew from $114.4 billion in 2023 to $136.6 billion in 2024."}),
    Row("deficit-grew", "vietnam-deficit-2024", {T: "The US goods trade deficit with Vietnam grew to $123.5 billion in 2024."}),
    Row("imports-from-the-other-side", "vietnam-exports-2024",
        {T: "U.S. imports from Vietnam rose to $136.6 billion in 2024."}),
    Row("kenya-imports-from-us", "kenya-exports-2024",
        {T: "Kenya’s goods imports from the United States were $1.1 billion in 2024."}),
    Row("americas-deficit", "vietnam-deficit-2024",
        {T: "America’s goods trade deficit with Vietnam widened to $123.5 billion in 2024."}),
    Row("product-lines-passive", "product-lines-affected",
        {T: "Between 4,000 and 6,000 products are expected to be affected by the tariff increases."}),
    Row("not-increase-electronics", "no-electronics-tariffs",
        {T: "The Administration will not increase tariffs on consumer electronics for now."}),
    Row("washington-will-not-accept", "holt-on-barriers",
        {T: "Holt said Washington will not accept barriers keeping American products out of the Kenyan market."}),
]
