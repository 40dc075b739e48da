"""Invented news for the feed farm (bench/feedfarm.py): places, people, organisations and events made
from templates and seeded word choices, and 400-900-word articles about them. No real story or name."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

# --- invented world -------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


PLACE_HEAD = _words(
    "Mar Kel Orv Tam Bel Cor Dun Hal Ves Lin Pen Rav Sol Thor Wen Ash Bram Cal Fen Gar Hol Lo Nor"
)
PLACE_TAIL = _words("by worth ton mere ford haven stead wick dale port bridge holm field more gate ley")
GIVEN = _words(
    "Anna Tomas Irene Malik Sofia Jonas Priya Elena Marcus Leona Ravi Clara Henrik Nadia Oskar Yara Felix "
    "Mira Daniel Ines Viktor Lena Samuel Aiko Rosa Emil Talia Bruno Hana Ivo"
)
SURNAME_HEAD = _words("Hal Var Mor Es Bran Cole Dra Fen Ul Ost Kir Lund Pell Sand Tor Vey Wal Brek Corr Dav")
SURNAME_TAIL = _words("strom ford ley ton ski ez ani ova berg well mark hurst ridge quist by ner")
OUTLET_TAIL = _words(
    "Herald Courier Gazette Ledger Post Observer Chronicle Tribune Record Dispatch Sentinel Star"
)
SECTIONS = _words("news world business politics science local environment transport health culture")
ROLES = (
    "mayor",
    "council spokesperson",
    "union representative",
    "regional minister",
    "police chief",
    "university economist",
    "company director",
    "emergency coordinator",
    "residents' association chair",
    "independent analyst",
)
ORG_TAIL = ["Authority", "Council", "Holdings", "Rail", "Water Board", "Energy Cooperative", "Port Company"]

# (event noun, headline templates, lead templates, detail templates) per kind of story
KINDS: dict[str, tuple[str, list[str], list[str], list[str]]] = {
    "fire": (
        "warehouse fire",
        ["Fire tears through {place} warehouse district", "{n1} firefighters battle blaze in {place}"],
        [
            "A fire that broke out {when} in an industrial warehouse in {place} burned for {n2} hours before "
            "{n1} firefighters brought it under control, officials said."
        ],
        [
            "Smoke could be seen from neighbouring towns, and residents were told to keep windows closed.",
            "Investigators from the {org} have not yet said what started the fire.",
            "The warehouse stored furniture, paper and cleaning products, according to the owner.",
            "Two nearby streets remained closed on {day} while crews checked the damaged structure.",
            "Insurance assessors are expected to visit the site later this week.",
        ],
    ),
    "flood": (
        "flooding",
        ["Flooding cuts off roads around {place}", "{place} counts damage after river bursts its banks"],
        [
            "Heavy rain pushed the river through {place} over its banks {when}, flooding {n1} homes and "
            "cutting the main road to the coast, the {org} said."
        ],
        [
            "Volunteers filled sandbags at the school gym through the night.",
            "The river peaked at {n2} centimetres above its usual level before slowly falling.",
            "Farmers downstream said fields planted only weeks ago were under water.",
            "Emergency shelters opened in the community hall and two churches.",
            "Forecasters warned that more rain could arrive before the weekend.",
        ],
    ),
    "strike": (
        "port strike",
        ["Dock workers walk out at {place} port", "Strike halts cargo traffic in {place}"],
        [
            "About {n1} dock workers at the port of {place} walked off the job {when} in a dispute over pay "
            "and shift patterns, leaving container ships waiting offshore."
        ],
        [
            "The union says wages have fallen behind prices for {n2} consecutive years.",
            "Management at the {org} called the walkout premature and urged a return to talks.",
            "Truck drivers queued outside the gates for hours before being sent away.",
            "Shipping agents said some vessels were already being diverted to other harbours.",
            "Both sides said they were willing to meet a mediator early next week.",
        ],
    ),
    "election": (
        "council election",
        ["{place} votes in tight council race", "Turnout surges in {place} local election"],
        [
            "Voters in {place} went to the polls {when} in a council election that polls had described as "
            "too close to call, with turnout reaching {n2} percent by late afternoon."
        ],
        [
            "The count is expected to continue well past midnight.",
            "Housing costs and the future of the bus network dominated the campaign.",
            "Several polling stations ran short of ballot papers in the early evening.",
            "Observers from the {org} reported no serious irregularities.",
            "A recount is likely in at least two wards, officials said.",
        ],
    ),
    "rail": (
        "rail derailment",
        ["Freight train derails near {place}", "Rail line closed after derailment outside {place}"],
        [
            "A freight train carrying {n1} wagons of grain derailed {when} just outside {place}, closing the "
            "main line for passenger services, the {org} said."
        ],
        [
            "No one was hurt, but the track was damaged over several hundred metres.",
            "Replacement buses are running between the two nearest stations.",
            "Engineers said repairs could take {n2} days if the weather holds.",
            "The cause of the derailment is being investigated by the national rail safety office.",
            "Commuters described long queues for the replacement buses.",
        ],
    ),
    "breach": (
        "data breach",
        ["{org} admits data breach affecting customers", "Hackers reach records at {place} utility"],
        [
            "The {org} in {place} said {when} that an intruder had accessed records belonging to about {n1} "
            "customers, including names, addresses and payment histories."
        ],
        [
            "The company said bank card numbers were not stored in the affected system.",
            "Customers are being contacted by letter and advised to watch for suspicious messages.",
            "The breach was discovered during a routine security review {n2} days ago.",
            "The regional data protection office said it had opened an inquiry.",
            "Security researchers said the attackers appeared to have used a stolen password.",
        ],
    ),
    "bridge": (
        "bridge closure",
        ["{place} bridge shut after cracks found", "Cracks close the old bridge at {place}"],
        [
            "Engineers closed the road bridge over the river at {place} {when} after an inspection found "
            "cracks in two supporting beams, forcing about {n1} vehicles a day onto a long detour."
        ],
        [
            "The bridge was built more than {n2} years ago and last repaired a decade ago.",
            "Shop owners on the far bank said trade dropped almost immediately.",
            "Pedestrians can still cross on a narrow walkway at the side.",
            "The {org} said a full assessment would take several weeks.",
            "Schoolchildren who used the bridge are being taken round by bus.",
        ],
    ),
    "drought": (
        "water shortage",
        ["Hosepipe ban for {place} as reservoirs fall", "{place} reservoirs at record low"],
        [
            "Reservoirs serving {place} have fallen to {n2} percent of capacity, and the {org} announced "
            "{when} a ban on garden hoses affecting about {n1} households."
        ],
        [
            "It has been the driest spring in the region since records began.",
            "Farmers are asking for permission to draw more water from the river.",
            "The utility has been criticised for leaks in its ageing pipe network.",
            "Public fountains in the town centre have been switched off.",
            "Residents have been asked to report leaks and to shorten showers.",
        ],
    ),
    "festival": (
        "music festival",
        ["{place} festival draws record crowds", "Thousands gather for {place} summer festival"],
        [
            "Some {n1} visitors arrived in {place} {when} for the opening of its three-day music festival, "
            "the largest since the event began {n2} years ago."
        ],
        [
            "Local hotels reported being fully booked weeks in advance.",
            "Organisers added extra trains and a park-and-ride service this year.",
            "Stallholders said sales of food and drink were well above last year's.",
            "Police said the first night passed with only minor incidents.",
            "Residents near the main stage complained about noise after midnight.",
        ],
    ),
    "factory": (
        "factory closure",
        ["{org} to close {place} plant", "{n1} jobs at risk as {place} factory shuts"],
        [
            "The {org} said {when} it would close its plant in {place} by the end of the year, putting about "
            "{n1} jobs at risk in a town where it is the largest private employer."
        ],
        [
            "The company blamed falling orders and the cost of energy.",
            "Workers learned of the decision at a meeting called at short notice.",
            "The plant opened {n2} years ago and once employed twice as many people.",
            "Local officials said they would look for a buyer for the site.",
            "Suppliers in the area fear they will lose contracts as well.",
        ],
    ),
    "hospital": (
        "hospital waiting times",
        ["Waiting times lengthen at {place} hospital", "{place} hospital opens extra wards"],
        [
            "Patients at the main hospital in {place} are waiting an average of {n2} hours in the emergency "
            "department, figures published {when} by the {org} show."
        ],
        [
            "Staff shortages and a winter surge in admissions were given as the main reasons.",
            "Two temporary wards with {n1} beds are being opened to ease the pressure.",
            "Nurses said they were regularly working past the end of their shifts.",
            "The health trust is recruiting abroad to fill vacant posts.",
            "Patient groups called for a clear plan before next winter.",
        ],
    ),
    "transit": (
        "bus fare rise",
        ["Bus fares in {place} to rise next month", "{place} commuters face higher fares"],
        [
            "Bus fares in {place} will rise by {n2} percent from next month, the {org} announced {when}, "
            "affecting roughly {n1} daily passengers."
        ],
        [
            "The operator said fuel and wage costs had risen faster than expected.",
            "Student and pensioner passes will not change, the council said.",
            "Passenger groups said the increase would push more people back into cars.",
            "Several rural routes will also run less often in the evenings.",
            "A consultation on the new timetable opens next week.",
        ],
    ),
    "quake": (
        "earthquake",
        ["Earthquake shakes {place}", "Tremor damages buildings in {place}"],
        [
            "An earthquake of magnitude {mag} struck near {place} {when}, cracking walls and bringing down "
            "chimneys, and about {n1} people spent the night outside their homes, officials said."
        ],
        [
            "The tremor lasted about {n2} seconds and was felt across the region.",
            "Engineers are inspecting schools before classes resume.",
            "Several aftershocks followed during the night, none of them strong.",
            "The old church tower in the square lost part of its roof.",
            "The {org} set up a hotline for residents reporting damage.",
        ],
    ),
}

GENERIC = [
    "{p1}, the {r1}, said the situation was being monitored closely.",
    '"We are doing everything we can," said {p1}, the {r1}.',
    '"People deserve clear answers, and they deserve them quickly," {p2} said.',
    "{p2}, the {r2}, told reporters that the next few days would be decisive.",
    "According to {p2}, the {r2}, the problem had been raised more than once in the past.",
    "The {org} said it would publish a fuller account once the facts were established.",
    "Residents interviewed on {day} were divided about how the authorities had handled it.",
    "Opposition members called for an independent review.",
    "Local businesses said the disruption had come at a difficult time of year.",
    "A meeting between officials and residents is planned for {day} evening.",
    "The figures could not be independently verified.",
    "{p3}, the {r3}, said the costs would become clearer over the coming weeks.",
    '"This did not come out of nowhere," {p3} said. "The warnings were there."',
    "Officials said they expected to give another update on {day}.",
    "It was not immediately clear how long the disruption would last.",
    "Neighbouring towns offered help, including equipment and staff.",
    "Regional broadcasters interrupted their programmes to carry the first reports.",
    "The last comparable event in {place} was more than {n3} years ago.",
    "Some residents said they had heard nothing from the authorities until late in the day.",
    "{p1} promised that every household affected would be contacted directly.",
    "Community groups organised collections of food and clothing.",
    "Critics said the response had been slow and poorly coordinated.",
    "Officials urged people to rely on official channels rather than rumours shared online.",
    "The regional government said it would consider emergency funding.",
    "{p2} said a detailed report would be presented to the council next month.",
]
FILLER_ADJ = _words("busy quiet crowded nervous patient tired angry hopeful cautious anxious")
FILLER = [
    "On the high street, shoppers were {adj} but mostly calm.",
    "By evening the mood in {place} was {adj}, several residents said.",
    "At the station, travellers were {adj} as information boards went blank.",
    "In the cafés around the square, the conversation turned to little else.",
    "Traffic on the ring road was heavier than usual throughout the day.",
]
WHEN = [
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "on Saturday",
    "early on Sunday",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass
class Topic:
    """One invented news event, covered by one or more articles."""

    kind: str
    place: str
    org: str
    people: list[tuple[str, str]]  # (name, role)
    numbers: dict[str, str]
    when: str
    at: dt.datetime


@dataclass
class Article:
    """One article page and its feed entry."""

    path: str
    title: str
    author: str
    published: dt.datetime
    paragraphs: list[str]
    summary: str

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def place_name(rng: random.Random) -> str:
    return rng.choice(PLACE_HEAD) + rng.choice(PLACE_TAIL)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(SURNAME_HEAD)}{rng.choice(SURNAME_TAIL)}"


def make_topic(rng: random.Random, now: dt.datetime) -> Topic:
    kind = rng.choice(sorted(KINDS))
    place = place_name(rng)
    roles = rng.sample(ROLES, 3)
    return Topic(
        kind=kind,
        place=place,
        org=f"{place} {rng.choice(ORG_TAIL)}",
        people=[(_person(rng), role) for role in roles],
        numbers={
            "n1": f"{rng.choice([40, 60, 120, 250, 300, 480, 900, 1200, 2500, 4000]) + rng.randint(0, 39):,}",
            "n2": str(rng.randint(3, 40)),
            "n3": str(rng.randint(12, 80)),
            "mag": f"{rng.uniform(3.8, 5.9):.1f}",
        },
        when=rng.choice(WHEN),
        at=now - dt.timedelta(hours=rng.uniform(2, 24 * 7)),
    )


def write_article(topic: Topic, rng: random.Random, path: str, published: dt.datetime) -> Article:
    """An article of 400-900 words about `topic`: headline, lead, then details, quotes and background."""
    noun, heads, leads, details = KINDS[topic.kind]
    (p1, r1), (p2, r2), (p3, r3) = topic.people
    slots = {
        "place": topic.place,
        "org": topic.org,
        "when": topic.when,
        "day": rng.choice(DAYS),
        "p1": p1,
        "r1": r1,
        "p2": p2,
        "r2": r2,
        "p3": p3,
        "r3": r3,
        "adj": rng.choice(FILLER_ADJ),
        **topic.numbers,
    }
    title = rng.choice(heads).format(**slots)
    if rng.random() < 0.3:
        title += rng.choice([": what we know", ", officials say", " as questions mount", ": live updates"])
    target = rng.randint(400, 900)
    sentences = [rng.choice(leads).format(**slots)]
    bag: list[str] = []
    words = len(sentences[0].split())
    while words < target:
        if not bag:
            bag = details + GENERIC + rng.sample(FILLER, 2)
            rng.shuffle(bag)
        slots["day"], slots["adj"] = rng.choice(DAYS), rng.choice(FILLER_ADJ)
        sentence = bag.pop().format(**slots)
        if rng.random() < 0.25:  # vary the wording a little between outlets
            sentence = sentence.replace(" said", " " + rng.choice(["said", "told reporters", "stated"]), 1)
        sentences.append(sentence)
        words += len(sentence.split())
    paragraphs: list[str] = []
    i = 0
    while i < len(sentences):
        size = 1 if i == 0 else rng.randint(2, 4)
        paragraphs.append(" ".join(sentences[i : i + size]))
        i += size
    summary = sentences[0]
    return Article(path, title, _person(rng), published, paragraphs, f"{summary} ({noun})")
