"""Demo content for ``load_demo_content``: staff, topics and articles, written for this project.

Each article lists its paragraphs, when it was first published (``None`` keeps it a draft) and the
revisions published after that. A ``substantive`` revision appends a paragraph and moves Last
Updated; a ``minor`` one replaces a misspelling that the first version shipped with; a
``correction`` replaces a factual error the first version shipped with, moves Last Updated and
shows its note to readers as a correction.
"""

import datetime
import json
from pathlib import Path


def _at(year, month, day, hour=15, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=datetime.UTC)


# Staff and topics existed before the first article went up.
SITE_LAUNCHED_AT = _at(2015, 1, 5, 14)

TEAM = {
    "slug": "history-site-editors",
    "name": "History Site Editors",
    "bio": (
        "The History Site editorial team writes, checks and updates the site's articles. Every "
        "piece is researched against published scholarship and reviewed by a second editor "
        "before it goes live, and we revisit articles when new evidence or reader corrections "
        "come in."
    ),
}

PEOPLE = [
    {
        "slug": "ruth-abernathy",
        "name": "Ruth Abernathy",
        "bio": (
            "Ruth Abernathy is the site's managing editor. She studied medieval and early modern "
            "European history and writes most often about law, politics and revolutions."
        ),
    },
    {
        "slug": "daniel-okafor",
        "name": "Daniel Okafor",
        "bio": (
            "Daniel Okafor is a staff writer covering science, technology and exploration. "
            "Before joining the site he worked as a reporter on a regional newspaper's science "
            "desk."
        ),
    },
    {
        "slug": "lena-marchetti",
        "name": "Lena Marchetti",
        "bio": (
            "Lena Marchetti is the site's research editor and fact-checker. She writes about "
            "film, theatre and popular culture, and handles reader correction reports."
        ),
    },
]

TOPICS = [
    {
        "slug": "politics",
        "name": "Politics",
        "description": "Governments, laws, elections, revolutions and the people who led them.",
    },
    {
        "slug": "war-and-conflict",
        "name": "War & Conflict",
        "description": "Battles, wars, assassinations and the peace settlements that ended them.",
    },
    {
        "slug": "science-and-technology",
        "name": "Science & Technology",
        "description": "Discoveries, inventions and the engineering that changed daily life.",
    },
    {
        "slug": "exploration",
        "name": "Exploration",
        "description": "Expeditions to the highest peaks, the ancient past and outer space.",
    },
    {
        "slug": "arts-and-culture",
        "name": "Arts & Culture",
        "description": "Film, theatre, literature, holidays and the ideas people lived by.",
    },
    {
        "slug": "sports",
        "name": "Sports",
        "description": "Records, firsts and the athletes who changed their games.",
    },
    {
        "slug": "disasters",
        "name": "Disasters",
        "description": "Shipwrecks, accidents and catastrophes, and what was learned from them.",
    },
    {
        "slug": "business-and-economy",
        "name": "Business & Economy",
        "description": "Markets, money, booms and busts.",
    },
]

EDITORS = ["history-site-editors"]

EVENTS = [
    # January
    {
        "slug": "emancipation-proclamation-takes-effect",
        "title": "Emancipation Proclamation takes effect",
        "year": 1863,
        "month": 1,
        "day": 1,
        "topics": ["politics"],
        "authors": EDITORS,
        "dek": (
            "President Abraham Lincoln's order declaring enslaved people in the rebelling "
            "Confederate states to be free comes into force on New Year's Day, turning the Civil "
            "War into a war against slavery."
        ),
        "body": [
            "Lincoln had announced the measure in a preliminary proclamation in September 1862, "
            "after the Union victory at Antietam, warning the Confederate states that it would "
            "apply to any of them still in rebellion on January 1. None returned, and on the "
            "first day of 1863 he signed the final text.",
            "The proclamation was a war measure issued under the president's authority as "
            "commander in chief, and its reach was deliberately limited. It covered only areas "
            "in rebellion against the United States, leaving slavery untouched in the loyal "
            "border states of Delaware, Kentucky, Maryland and Missouri and in several regions "
            "already under Union control.",
            "In practice its effect depended on the advance of Union armies, but it changed "
            "the purpose of the war. It also opened the Army and Navy to Black men, and by the "
            "end of the conflict roughly 180,000 Black soldiers had served in the Union Army.",
            "Slavery was abolished throughout the country by the Thirteenth Amendment, "
            "ratified in December 1865.",
        ],
        "published_at": _at(2015, 12, 18),
        "revisions": [
            {
                "kind": "substantive",
                "at": _at(2021, 6, 17),
                "note": "Added the announcement of freedom in Galveston, Texas, in 1865.",
                "add": (
                    "News of freedom reached some places long after 1863. On June 19, 1865, "
                    "Union troops arrived in Galveston, Texas, and announced that the enslaved "
                    "people there were free, a day celebrated as Juneteenth. It became a "
                    "federal holiday in 2021."
                ),
            },
        ],
    },
    {
        "slug": "soviet-troops-liberate-auschwitz",
        "title": "Soviet troops liberate Auschwitz",
        "year": 1945,
        "month": 1,
        "day": 27,
        "topics": ["war-and-conflict"],
        "authors": EDITORS,
        "dek": (
            "Soldiers of the Red Army reach Auschwitz-Birkenau, the largest of the Nazi death "
            "camps, and find several thousand sick and starving prisoners left behind by the SS."
        ),
        "body": [
            "Auschwitz, built by Nazi Germany in occupied Poland, grew into a complex of "
            "concentration, forced-labour and extermination camps. At least 1.1 million people "
            "were murdered there, about a million of them Jews; Poles, Roma and Soviet prisoners "
            "of war were also among the victims.",
            "As Soviet forces advanced in January 1945, the SS tried to destroy evidence of the "
            "killings and forced tens of thousands of prisoners to march west toward camps in "
            "Germany. Many died on the way from cold, exhaustion and shootings.",
            "When troops of the Soviet 60th Army arrived on January 27, they found about 7,000 "
            "prisoners still alive in the camps, most of them too weak to have been marched "
            "away, along with storerooms holding clothing and belongings taken from the dead.",
        ],
        "published_at": _at(2016, 1, 22),
        "revisions": [
            {
                "kind": "substantive",
                "at": _at(2020, 1, 24),
                "note": "Added International Holocaust Remembrance Day.",
                "add": (
                    "In 2005 the United Nations General Assembly designated January 27 as "
                    "International Holocaust Remembrance Day, an annual commemoration of the "
                    "victims of the Holocaust."
                ),
            },
        ],
    },
    {
        "slug": "space-shuttle-challenger-breaks-apart",
        "title": "Space shuttle Challenger breaks apart after launch",
        "year": 1986,
        "month": 1,
        "day": 28,
        "topics": ["science-and-technology", "disasters"],
        "authors": EDITORS,
        "dek": (
            "Seventy-three seconds after lifting off from Florida, the shuttle Challenger is "
            "destroyed in the sky, killing all seven crew members, among them the schoolteacher "
            "Christa McAuliffe."
        ),
        "body": [
            "The mission had drawn unusual attention because McAuliffe, a high school teacher "
            "from Concord, New Hampshire, had been chosen to be the first teacher in space and "
            "planned to give lessons from orbit. Many students watched the launch live in their "
            "classrooms.",
            "The morning was unusually cold at Kennedy Space Center. Shortly after liftoff, "
            "hot gas escaped through a joint in the right solid rocket booster, and the "
            "vehicle broke apart. The crew were Francis Scobee, Michael Smith, Judith Resnik, "
            "Ellison Onizuka, Ronald McNair, Gregory Jarvis and McAuliffe.",
            "A presidential commission found that rubber O-ring seals in the joint had failed "
            "in the low temperature, and that engineers at the booster's manufacturer had "
            "raised concerns about launching in the cold the night before. It criticised the "
            "decision-making process at NASA that allowed the launch to go ahead.",
        ],
        "published_at": _at(2017, 1, 20),
        "revisions": [
            {
                "kind": "substantive",
                "at": _at(2023, 1, 25),
                "note": "Added the shuttle program's return to flight.",
                "add": (
                    "Shuttle flights were suspended for more than two and a half years while "
                    "the boosters were redesigned. They resumed with the launch of Discovery in "
                    "September 1988."
                ),
            },
        ],
    },
    # February
    {
        "slug": "nelson-mandela-walks-free",
        "title": "Nelson Mandela walks free after 27 years in prison",
        "year": 1990,
        "month": 2,
        "day": 11,
        "topics": ["politics"],
        "authors": EDITORS,
        "dek": (
            "South Africa's most famous prisoner leaves Victor Verster Prison near Cape Town, a "
            "turning point in the negotiations that would end apartheid."
        ),
        "body": [
            "Mandela, a leader of the African National Congress, had been sentenced to life "
            "imprisonment in 1964 for his part in the armed struggle against apartheid, the "
            "system of racial segregation and white minority rule. He spent most of his "
            "sentence on Robben Island.",
            "Nine days before his release, President F. W. de Klerk told parliament that the "
            "ban on the ANC and other opposition groups would be lifted. On February 11 Mandela "
            "walked out of the prison gate hand in hand with his wife, Winnie, and that evening "
            "addressed a huge crowd from the balcony of Cape Town City Hall.",
            "Talks between the government and the ANC followed. Mandela and de Klerk shared "
            "the Nobel Peace Prize in 1993, and after the country's first elections open to "
            "all races, in April 1994, Mandela became South Africa's president.",
        ],
        "published_at": _at(2016, 2, 5),
        "revisions": [],
    },
    {
        "slug": "john-glenn-orbits-the-earth",
        "title": "John Glenn becomes the first American to orbit the Earth",
        "year": 1962,
        "month": 2,
        "day": 20,
        "topics": ["exploration", "science-and-technology"],
        "authors": ["daniel-okafor"],
        "dek": (
            "Aboard the Mercury capsule *Friendship 7*, the former Marine pilot circles the "
            "planet three times in just under five hours."
        ),
        "body": [
            "The Soviet Union had already put two cosmonauts into orbit, and the United States "
            "had so far managed only two short suborbital flights. Glenn's launch on an Atlas "
            "rocket from Cape Canaveral was followed live by millions of Americans.",
            "During the flight, a signal suggested that the capsule's heat shield might have "
            "come loose. Flight controllers told Glenn to keep the retrorocket pack strapped "
            "over the shield during re-entry in case it helped hold it in place. The signal "
            "turned out to be false, and he splashed down safely in the Atlantic.",
            "Glenn later served for 24 years as a United States senator from Ohio, and in 1998, "
            "at the age of 77, he returned to space aboard the shuttle Discovery.",
        ],
        "published_at": None,
        "revisions": [],
    },
    {
        "slug": "hattie-mcdaniel-wins-academy-award",
        "title": "Hattie McDaniel becomes the first African American to win an Oscar",
        "year": 1940,
        "month": 2,
        "day": 29,
        "topics": ["arts-and-culture"],
        "authors": ["lena-marchetti"],
        "dek": (
            "McDaniel is named best supporting actress for her role as Mammy in *Gone with the "
            "Wind*, at a ceremony where she is seated apart from the film's white stars."
        ),
        "body": [
            "The twelfth Academy Awards were held at the Ambassador Hotel in Los Angeles. *Gone "
            "with the Wind*, the epic of the Civil War and Reconstruction South produced by David "
            "O. Selznick, dominated the evening and won best picture.",
            "McDaniel, a singer and actor who had worked in radio and in dozens of films, was "
            "the first Black performer to be nominated for an Academy Award as well as the first "
            "to win one. The hotel did not normally admit Black guests, and she and her escort "
            "sat at a small table at the side of the room rather than with the film's cast.",
            "Her win was celebrated as a breakthrough, but she was also criticised by some, "
            "including civil rights campaigners, for playing servants on screen. She is said to "
            "have replied that she would rather play a maid than be one. Half a century passed "
            "before another Black woman won an acting Oscar: Whoopi Goldberg, for *Ghost*, "
            "in 1991.",
        ],
        "published_at": _at(2016, 2, 26),
        "revisions": [
            {
                "kind": "substantive",
                "at": _at(2024, 2, 28),
                "note": "Added the fate of McDaniel's award and its replacement in 2023.",
                "add": (
                    "Supporting-role winners of the time received a plaque rather than a "
                    "statuette. McDaniel left hers to Howard University, where it later went "
                    "missing. In 2023 the Academy presented the university with a replacement."
                ),
            },
        ],
    },
    # March
    {
        "slug": "alexander-graham-bell-first-telephone-call",
        "title": "Alexander Graham Bell makes the first telephone call",
        "year": 1876,
        "month": 3,
        "day": 10,
        "topics": ["science-and-technology"],
        "authors": ["daniel-okafor"],
        "dek": (
            "Three days after receiving his patent, Bell speaks through his experimental "
            "telephone to his assistant, Thomas Watson, in the next room of their Boston "
            "workshop."
        ),
        "body": [
            "Bell, a teacher of the deaf with a deep interest in the physics of sound, had been "
            "trying to send several telegraph messages over a single wire when he became "
            "convinced that a wire could carry the human voice itself.",
            "According to his notebook, his words were a request for Watson to come to him. "
            "Watson heard them through the receiver and came.",
            "Within a few years telephone exchanges were opening in cities across the United "
            "States and Europe. Bell's claim to the invention was challenged in a long series "
            "of lawsuits, but his patents were upheld.",
        ],
        "published_at": _at(2017, 3, 6),
        "revisions": [],
    },
    {
        "slug": "julius-caesar-assassinated",
        "title": "Julius Caesar is assassinated on the Ides of March",
        "year": -44,
        "month": 3,
        "day": 15,
        "topics": ["politics", "war-and-conflict"],
        "authors": EDITORS,
        "is_featured": True,
        "dek": (
            "A group of Roman senators stabs the dictator to death at a meeting of the Senate, "
            "hoping to save the Republic; instead his killing leads to civil war and the rule "
            "of emperors."
        ),
        "body": [
            "Caesar had won a civil war against Pompey and his allies and gathered "
            "unprecedented power. Early in 44 BC he was named dictator for life, which many "
            "senators saw as kingship in all but name in a republic that had rejected kings "
            "for centuries.",
            "The conspiracy, led by Marcus Junius Brutus and Gaius Cassius Longinus, drew in "
            "dozens of senators, some of whom Caesar had pardoned after the war. On the Ides, "
            "the middle day of March, they surrounded him in the hall attached to the Theatre "
            "of Pompey, where the Senate was meeting, and stabbed him many times. The ancient "
            "biographer Suetonius counted twenty-three wounds.",
            "The assassins had no clear plan for what came next. Public anger, stirred by "
            "Caesar's ally Mark Antony at the funeral, drove them from Rome. Caesar's "
            "great-nephew and adopted heir, Octavian, joined forces with Antony, and the two "
            "defeated Brutus and Cassius at Philippi in 42 BC.",
        ],
        "published_at": _at(2015, 3, 9),
        "revisions": [
            {
                "kind": "substantive",
                "at": _at(2019, 3, 12),
                "note": "Added how the civil wars ended with Augustus.",
                "add": (
                    "Octavian later fell out with Antony and defeated him and Cleopatra. In "
                    "27 BC the Senate gave him the name Augustus, and he ruled as the first "
                    "Roman emperor, keeping the forms of the Republic while holding its "
                    "power himself."
                ),
            },
        ],
        "poster": {"background": "#5b3a3a", "ink": "#e8d9bd", "motif": "laurel"},
        "hero_alt": (
            "Illustration: the words 44 BC in large cream letters on a deep red background, "
            "above a thin arc of small circles suggesting a laurel wreath."
        ),
        "hero_caption": "Caesar was killed at a meeting of the Senate in the Theatre of Pompey.",
    },
    # April
    {
        "slug": "yuri-gagarin-first-human-in-space",
        "title": "Yuri Gagarin becomes the first human in space",
        "year": 1961,
        "month": 4,
        "day": 12,
        "topics": ["exploration", "science-and-technology"],
        "authors": EDITORS,
        "dek": (
            "The 27-year-old Soviet pilot makes a single orbit of the Earth aboard Vostok 1, a "
            "flight that lasts 108 minutes from launch to landing."
        ),
        "body": [
            "Gagarin was launched from the Baikonur Cosmodrome in Kazakhstan. His capsule was "
            "controlled from the ground and automatically, since no one yet knew how a person "
            'would cope with weightlessness. His cheerful cry of *Poyekhali!* ("Let\'s go!") '
            "at liftoff became famous.",
            "As planned, he ejected from the capsule during its descent and came down "
            "separately by parachute, landing in a field in the Saratov region of southern "
            "Russia.",
            "The flight was a triumph for the Soviet Union in the space race. Gagarin toured "
            "the world as a celebrity, but he never flew in space again; he died in the crash "
            "of a training jet in 1968. April 12 is marked in Russia as Cosmonautics Day.",
        ],
        "published_at": _at(2016, 4, 8),
        "revisions": [],
    },
    {
        "slug": "titanic-sinks",
        "title": "Titanic sinks in the North Atlantic",
        "year": 1912,
        "month": 4,
        "day": 15,
        "topics": ["disasters"],
        "authors": EDITORS,
        "dek": (
            "Less than three hours after striking an iceberg on her maiden voyage, the largest "
            "ship afloat goes down, and more than 1,500 passengers and crew die."
        ),
        "body": [
            "The White Star liner had left Southampton for New York on April 10, calling at "
            "Cherbourg and Queenstown in Ireland. Shortly before midnight on April 14 she struck "
            "an iceberg, which opened several of her forward compartments to the sea.",
            "The ship carried about 2,200 people but lifeboats for fewer than 1,200, and some "
            "boats were launched only partly full. *Titanic* sank at about 2:20 in the morning. "
            "The liner Carpathia arrived about two hours later and picked up roughly 700 "
            "survivors.",
            "Inquiries in the United States and Britain led to new rules at sea, including "
            "lifeboat places for everyone on board, round-the-clock radio watches, and an "
            "international patrol to track ice in the North Atlantic shipping lanes.",
        ],
        "published_at": _at(2015, 4, 10),
        "revisions": [
            {
                "kind": "substantive",
                "at": _at(2022, 4, 13),
                "note": "Added the discovery of the wreck in 1985.",
                "add": (
                    "The wreck was found in 1985, about 3,800 meters down, by a French and "
                    "American expedition led by Jean-Louis Michel and Robert Ballard. It lies "
                    "in two main pieces on the sea floor."
                ),
            },
            {
                "kind": "minor",
                "at": _at(2022, 5, 2),
                "note": "Corrected a spelling.",
                "fix": ("Carpathia arrived", "*Carpathia* arrived"),
            },
        ],
    },
    {
        "slug": "jackie-robinson-breaks-baseball-color-line",
        "title": "Jackie Robinson breaks baseball's color line",
        "year": 1947,
        "month": 4,
        "day": 15,
        "topics": ["sports"],
        "authors": EDITORS,
        "is_featured": True,
        "dek": (
            "Robinson takes the field at first base for the Brooklyn Dodgers, the first Black "
            "player in the modern major leagues."
        ),
        "body": [
            "For decades an unwritten rule had kept Black players out of the major leagues and "
            "in the separate Negro leagues, where Robinson had played for the Kansas City "
            "Monarchs. Dodgers president Branch Rickey signed him in 1945 and sent him to the "
            "team's top minor-league club in Montreal for a season.",
            "In his debut against the Boston Braves at Ebbets Field, Robinson did not get a "
            "hit but scored a run in a Dodgers win. Over the season he endured abuse from "
            "opponents and crowds, and threats against his life, and he was named the first "
            "Rookie of the Year.",
            "Robinson played ten seasons for Brooklyn and was elected to the Hall of Fame in "
            "1962. Other teams slowly followed the Dodgers' lead.",
        ],
        "published_at": _at(2017, 4, 12),
        "revisions": [
            {
                "kind": "substantive",
                "at": _at(2021, 4, 14),
                "note": "Added how baseball honors Robinson's number.",
                "add": (
                    "In 1997, fifty years after his debut, Major League Baseball retired his "
                    "number, 42, for every team. Each April 15 is now Jackie Robinson Day, "
                    "and players throughout the majors wear 42 in his honor."
                ),
            },
        ],
    },
    # May
    {
        "slug": "roger-bannister-runs-four-minute-mile",
        "title": "Roger Bannister runs the first four-minute mile",
        "year": 1954,
        "month": 5,
        "day": 6,
        "topics": ["sports"],
        "authors": EDITORS,
        "dek": (
            "On a cinder track in Oxford, the 25-year-old medical student finishes the mile in "
            "3 minutes 59.4 seconds, a barrier many had thought beyond human reach."
        ),
        "body": [
            "Bannister ran for the British Amateur Athletic Association against Oxford "
            "University at the Iffley Road track. Strong wind nearly led him to call off the "
            "attempt, but it dropped shortly before the start.",
            "His friends Chris Brasher and Chris Chataway set the pace for the first three "
            "laps before Banister kicked for home. The crowd heard the announcer begin the "
            'time with "three" and drowned out the rest with cheering.',
            "The record lasted just 56 days before the Australian John Landy lowered it. "
            "Bannister retired from running at the end of 1954 and became a neurologist.",
        ],
        "published_at": _at(2018, 5, 3),
        "revisions": [
            {
                "kind": "minor",
                "at": _at(2018, 5, 9),
                "note": "Corrected a spelling.",
                "fix": ("Banister kicked", "Bannister kicked"),
            },
            {
                "kind": "correction",
                "at": _at(2019, 2, 11),
                "note": "Correction: An earlier version of this article misstated how long "
                "Bannister's record stood. John Landy broke it 46 days later, not 56.",
                "fix": ("just 56 days", "just 46 days"),
            },
        ],
    },
    {
        "slug": "supreme-court-decides-brown-v-board",
        "title": "Supreme Court strikes down school segregation in Brown v. Board of Education",
        "year": 1954,
        "month": 5,
        "day": 17,
        "topics": ["politics"],
        "authors": EDITORS,
        "dek": (
            "A unanimous Supreme Court rules that separating children in public schools by race "
            "violates the Constitution's guarantee of equal protection."
        ),
        "body": [
            "The decision covered challenges from Kansas, South Carolina, Virginia and "
            "Delaware; a companion case from Washington, D.C., was decided the same day. It "
            "took its name from Oliver Brown, a father in Topeka, Kansas, whose daughter Linda "
            "was made to attend a distant school for Black children. Thurgood Marshall of the "
            "NAACP Legal Defense Fund led the argument for the families.",
            "Writing for all nine justices, Chief Justice Earl Warren concluded that separate "
            'schools were inherently unequal, rejecting the "separate but equal" reasoning '
            "that the Court had accepted in Plessy v. Ferguson in 1896.",
            "The ruling did not say how fast schools had to change. A second decision in 1955 "
            'asked for desegregation "with all deliberate speed", and many districts resisted '
            "for years.",
        ],
        "published_at": _at(2019, 5, 15),
        "revisions": [],
    },
    {
        "slug": "hillary-and-tenzing-reach-everest-summit",
        "title": "Hillary and Tenzing reach the summit of Everest",
        "year": 1953,
        "month": 5,
        "day": 29,
        "topics": ["exploration"],
        "authors": EDITORS,
        "dek": (
            "New Zealander Edmund Hillary and Sherpa mountaineer Tenzing Norgay become the first "
            "people known to stand on the highest point on Earth."
        ),
        "body": [
            "The two men were members of a British expedition led by John Hunt, which had "
            "spent weeks establishing a chain of camps up the mountain. A first summit pair, "
            "Tom Bourdillon and Charles Evans, had turned back short of the top three days "
            "earlier.",
            "Hillary and Tenzing set out from their highest camp in the early morning and "
            "reached the summit at about 11:30. They stayed for around a quarter of an hour, "
            "taking photographs, before starting down.",
            "The news reached London on June 2, the morning of Queen Elizabeth II's coronation. "
            "Hillary was knighted, and Tenzing received the George Medal.",
        ],
        "published_at": _at(2018, 5, 25),
        "revisions": [],
    },
    # June
    {
        "slug": "allied-forces-land-in-normandy",
        "title": "Allied forces land in Normandy on D-Day",
        "year": 1944,
        "month": 6,
        "day": 6,
        "topics": ["war-and-conflict"],
        "authors": EDITORS,
        "dek": (
            "The largest seaborne invasion in history puts more than 150,000 American, British, "
            "Canadian and other Allied troops ashore in German-occupied France."
        ),
        "body": [
            "Operation Overlord, commanded by General Dwight D. Eisenhower, had been planned "
            "for more than a year. Paratroopers and glider-borne troops landed behind the coast "
            "during the night, and at dawn thousands of ships approached five beaches "
            "code-named Utah, Omaha, Gold, Juno and Sword.",
            "American troops met the fiercest resistance at Omaha, where the landing came close "
            "to failing. By nightfall all five beachheads were held, though they had not yet "
            "been joined. Allied casualties on the first day are estimated at about 10,000, "
            "more than 4,000 of them killed.",
            "The campaign that followed lasted into August and ended with German forces in "
            "retreat across France. Paris was liberated on August 25.",
        ],
        "published_at": _at(2015, 6, 1),
        "revisions": [
            {
                "kind": "substantive",
                "at": _at(2019, 6, 5),
                "note": "Added the role of deception in the invasion's success.",
                "add": (
                    "An elaborate deception plan, Operation Fortitude, used fake units, "
                    "radio traffic and double agents to persuade German commanders that the "
                    "main attack would come near Calais. Even after the landings, some German "
                    "reserves were held back to meet an invasion that never came."
                ),
            },
        ],
    },
    {
        "slug": "king-john-seals-magna-carta",
        "title": "King John seals Magna Carta at Runnymede",
        "year": 1215,
        "month": 6,
        "day": 15,
        "topics": ["politics"],
        "authors": ["ruth-abernathy"],
        "dek": (
            "Facing a rebellion by his barons, England's king agrees to a charter that limits "
            "royal power and promises justice under the law."
        ),
        "body": [
            "John's costly wars in France, heavy taxes and arbitrary treatment of his nobles "
            "had driven many barons into open revolt, and in May 1215 they seized London. The "
            "king met them in a meadow beside the Thames at Runnymede, near Windsor.",
            "The [charter](https://en.wikipedia.org/wiki/Magna_Carta) dealt mostly with the "
            "grievances of the day, from feudal payments to fish weirs on rivers. But two of "
            "its clauses proved lasting: no free man was to be imprisoned or punished except "
            "by the lawful judgment of his peers or the law of the land, and justice was not "
            "to be sold, denied or delayed.",
            "The peace did not hold. Within weeks John asked Pope Innocent III to annul the "
            "charter, which he did in August, and war resumed. After John's death in 1216 the "
            "charter was reissued in revised forms for his young son, Henry III.",
        ],
        "published_at": _at(2015, 6, 12),
        "revisions": [
            {
                "kind": "substantive",
                "at": _at(2015, 6, 15, 9),
                "note": "Added the surviving copies of the 1215 charter.",
                "add": (
                    "Four original copies of the 1215 text survive: two in the British "
                    "Library and one each at Lincoln and Salisbury cathedrals. The charter "
                    "was later cited by lawmakers and revolutionaries far beyond England, "
                    "including in the American colonies."
                ),
            },
        ],
        "poster": {"background": "#4a4f3a", "ink": "#eadfc4", "motif": "seal"},
        "hero_alt": (
            "Illustration: the year 1215 in large cream numerals on an olive-green background, "
            "beside a round shape suggesting a wax seal."
        ),
        "hero_caption": "The charter was sealed, not signed, by King John.",
    },
    {
        "slug": "archduke-franz-ferdinand-assassinated",
        "title": "Archduke Franz Ferdinand is assassinated in Sarajevo",
        "year": 1914,
        "month": 6,
        "day": 28,
        "topics": ["war-and-conflict", "politics"],
        "authors": EDITORS,
        "dek": (
            "A young Bosnian Serb shoots the heir to the Austro-Hungarian throne and his wife, "
            "setting off the crisis that leads to the First World War."
        ),
        "body": [
            "Franz Ferdinand and his wife, Sophie, were visiting Sarajevo, the capital of "
            "Bosnia, which Austria-Hungary had annexed in 1908. Several members of a "
            "revolutionary group seeking the union of South Slavs lay in wait along the route "
            "of their motorcade.",
            "One threw a bomb that bounced off the archduke's car and wounded people in the "
            "vehicle behind. Later in the day, after the driver took a wrong turn, the car "
            "stopped close to 19-year-old Gavrilo Princip, who fired two shots. The "
            "archduke and his wife died soon afterward.",
            "Austria-Hungary blamed Serbia and, backed by Germany, declared war on it on July "
            "28. Within days Russia, Germany, France and Britain were drawn in. Princip, too "
            "young to be executed, died in prison in 1918.",
        ],
        "published_at": _at(2017, 6, 23),
        "revisions": [],
    },
    # July
    {
        "slug": "storming-of-the-bastille",
        "title": "Crowds storm the Bastille in Paris",
        "year": 1789,
        "month": 7,
        "day": 14,
        "topics": ["politics"],
        "authors": ["ruth-abernathy"],
        "dek": (
            "Parisians seize the royal fortress and prison in search of gunpowder, an uprising "
            "that becomes the emblem of the French Revolution."
        ),
        "body": [
            "Paris was tense in July 1789. Bread prices were high, and King Louis XVI had "
            "dismissed his popular finance minister, Jacques Necker, and gathered troops "
            "around the capital. On the morning of July 14 crowds took muskets from the Hôtel "
            "des Invallides and then marched on the Bastille, where gunpowder was stored.",
            "After hours of fighting the governor, Bernard-René de Launay, surrendered. He was "
            "killed soon afterward. Only seven prisoners were found inside, but the fortress "
            "had long stood for the arbitrary power of the crown.",
            "Demolition of the Bastille began within days. July 14 became France's national "
            "holiday in 1880.",
        ],
        "published_at": _at(2016, 7, 11),
        "revisions": [
            {
                "kind": "minor",
                "at": _at(2016, 7, 14, 10),
                "note": "Corrected a spelling.",
                "fix": ("Invallides", "Invalides"),
            },
        ],
    },
    {
        "slug": "apollo-11-astronauts-walk-on-the-moon",
        "title": "Apollo 11 astronauts walk on the Moon",
        "year": 1969,
        "month": 7,
        "day": 20,
        "topics": ["exploration", "science-and-technology"],
        "authors": EDITORS,
        "is_featured": True,
        "dek": (
            "Neil Armstrong and Buzz Aldrin land the lunar module *Eagle* in the Sea of "
            "Tranquility and become the first people to set foot on another world."
        ),
        "body": [
            "[Apollo 11](https://en.wikipedia.org/wiki/Apollo_11) lifted off from Kennedy Space "
            "Center on July 16. Four days later, while Michael Collins stayed in orbit aboard "
            "the command module *Columbia*, Armstrong and Aldrin descended to the surface. With "
            "the computer sounding alarms and fuel running low, Armstrong steered past a field "
            "of boulders and set the craft down at 4:17 p.m. Eastern time.",
            "A little before 11 p.m. Armstrong climbed down the ladder and stepped onto the "
            "Moon, describing it as one small step for a man and a giant leap for mankind. "
            "Aldrin followed him about twenty minutes later. Hundreds of millions of people "
            "watched the grainy television pictures.",
            "The two men spent about two and a half hours outside, setting up experiments, "
            "planting a flag and collecting rock and soil samples. The crew splashed down in "
            "the Pacific on July 24, fulfilling President John F. Kennedy's 1961 goal of "
            "landing a man on the Moon before the end of the decade.",
        ],
        "published_at": _at(2015, 7, 16),
        "revisions": [
            {
                "kind": "substantive",
                "at": _at(2019, 7, 18),
                "note": "Added the later Apollo landings.",
                "add": (
                    "Five more Apollo crews landed between November 1969 and December 1972. "
                    "In all, twelve astronauts walked on the Moon; no one has been back since."
                ),
            },
        ],
        "poster": {"background": "#2f3b4c", "ink": "#e9e4d4", "motif": "moon"},
        "hero_alt": (
            "Illustration: the year 1969 in large cream numerals on a dark slate-blue "
            "background, with a pale disc in the upper corner standing for the Moon."
        ),
        "hero_caption": "Eagle touched down in the Sea of Tranquility.",
    },
    {
        "slug": "plot-to-kill-hitler-fails",
        "title": "Officers' bomb plot against Hitler fails",
        "year": 1944,
        "month": 7,
        "day": 20,
        "topics": ["war-and-conflict"],
        "authors": EDITORS,
        "dek": (
            "Colonel Claus von Stauffenberg leaves a bomb in a briefcase at Hitler's East "
            "Prussian headquarters; it explodes, but Hitler survives and the coup collapses."
        ),
        "body": [
            "Stauffenberg, a staff officer badly wounded earlier in the war, belonged to a "
            "circle of military officers and civilians who had concluded that Hitler must be "
            "killed and the war ended. Their plan, known as Operation Valkyrie, was to use "
            "reserve army units to take control in Berlin once Hitler was dead.",
            "At a briefing at the Wolf's Lair headquarters, Stauffenberg placed the bomb under "
            "the heavy map table and left the room. The blast killed or fatally wounded four "
            "men, but Hitler, shielded by the table, suffered only minor injuries.",
            "Stauffenberg flew to Berlin believing Hitler was dead. By evening it was clear he "
            "was not, the coup had stalled, and Stauffenberg and several fellow plotters were "
            "shot by a firing squad in the courtyard of the army headquarters. Thousands of "
            "people were arrested in the months that followed, and many were executed.",
        ],
        "published_at": _at(2018, 7, 17),
        "revisions": [],
    },
    {
        "slug": "viking-1-lands-on-mars",
        "title": "Viking 1 lands on Mars",
        "year": 1976,
        "month": 7,
        "day": 20,
        "topics": ["science-and-technology", "exploration"],
        "authors": ["daniel-okafor"],
        "dek": (
            "NASA's Viking 1 lander touches down on the plain of Chryse Planitia and sends back "
            "the first clear pictures from the surface of Mars."
        ),
        "body": [
            "Viking 1 had reached orbit around Mars in June. The landing was originally planned "
            "for July 4, the United States' bicentennial, but was delayed while controllers "
            "searched the orbiter's images for a safer site.",
            "Within minutes of touching down, the lander began returning images of a rocky, "
            "reddish landscape. Its instruments measured the weather and tested the soil for "
            "signs of life; the results were puzzling, and most scientists concluded that "
            "they were chemical rather than biological.",
            "A twin lander, Viking 2, touched down in September. Viking 1 kept working until "
            "November 1982, far beyond its planned mission of ninety days.",
        ],
        "published_at": _at(2020, 7, 16),
        "revisions": [],
    },
    {
        "slug": "bruce-lee-dies-in-hong-kong",
        "title": "Bruce Lee dies in Hong Kong at 32",
        "year": 1973,
        "month": 7,
        "day": 20,
        "topics": ["arts-and-culture"],
        "authors": ["lena-marchetti"],
        "dek": (
            "The martial artist and film star dies suddenly, weeks before the release of *Enter "
            "the Dragon*, the film that would make him a worldwide legend."
        ),
        "body": [
            "Born in San Francisco and raised in Hong Kong, Lee had become a star in Asia with "
            "a run of hugely successful martial arts films in the early 1970s.",
            "He collapsed in Hong Kong on the evening of July 20 and could not be revived. The "
            "cause of death was given as swelling of the brain, possibly a reaction to a "
            "painkiller he had taken.",
            "*Enter the Dragon*, a Hong Kong and Hollywood co-production, was released shortly "
            "afterward and became a global hit. Lee was buried in Seattle.",
        ],
        "published_at": None,
        "revisions": [],
    },
    # August
    {
        "slug": "east-germany-seals-border-in-berlin",
        "title": "East Germany seals the border through Berlin",
        "year": 1961,
        "month": 8,
        "day": 13,
        "topics": ["politics"],
        "authors": EDITORS,
        "dek": (
            "Overnight, East German troops and police close the crossings between East and West "
            "Berlin with barbed wire, the first stage of the Berlin Wall."
        ),
        "body": [
            "By 1961 millions of people had left East Germany for the West, many of them young "
            "and skilled, and Berlin, divided among the wartime Allies but surrounded by East "
            "German territory, was the easiest place to cross. In the summer the number of "
            "people leaving rose sharply.",
            "In the early hours of Sunday, August 13, streets and railway lines between the two "
            "halves of the city were cut. Families and friends woke to find themselves "
            "separated. Within days, work began on a wall of concrete blocks, later replaced "
            "by a more elaborate system of walls, fences and a guarded strip.",
            'The East German government called it an "anti-fascist protection rampart". At '
            "least 140 people were killed at the Berlin Wall over the 28 years it stood.",
        ],
        "published_at": _at(2019, 8, 9),
        "revisions": [],
    },
    {
        "slug": "march-on-washington-for-jobs-and-freedom",
        "title": "Hundreds of thousands join the March on Washington",
        "year": 1963,
        "month": 8,
        "day": 28,
        "topics": ["politics"],
        "authors": EDITORS,
        "dek": (
            "About 250,000 people rally at the Lincoln Memorial for civil rights and economic "
            'justice, and Martin Luther King Jr. delivers his "I Have a Dream" speech.'
        ),
        "body": [
            "The March on Washington for Jobs and Freedom was organized by a coalition of civil "
            "rights, labor and religious groups. The labor leader A. Philip Randolph had "
            "proposed a march on the capital years earlier, and the activist Bayard Rustin "
            "handled most of the planning.",
            "The crowd, Black and white, filled the length of the Reflecting Pool. Speakers "
            "pressed Congress to pass the civil rights bill then under consideration. King "
            "spoke last. Partway through his prepared text he turned to the vision of a future "
            "without racial injustice that gave the speech its name.",
            "The Civil Rights Act became law in July 1964, and the Voting Rights Act followed "
            "in August 1965.",
        ],
        "published_at": _at(2018, 8, 24),
        "revisions": [],
    },
    # September
    {
        "slug": "japan-signs-surrender-aboard-uss-missouri",
        "title": "Japan signs its surrender aboard USS Missouri",
        "year": 1945,
        "month": 9,
        "day": 2,
        "topics": ["war-and-conflict"],
        "authors": EDITORS,
        "dek": (
            "In a short ceremony in Tokyo Bay, Japanese representatives sign the instrument of "
            "surrender, formally ending the Second World War."
        ),
        "body": [
            "Emperor Hirohito had announced Japan's acceptance of the Allied terms in a radio "
            "broadcast on August 15, after the atomic bombings of Hiroshima and Nagasaki and "
            "the Soviet Union's declaration of war.",
            "Aboard the American battleship, Foreign Minister Mamoru Shigemitsu signed for the "
            "government and General Yoshijiro Umezu for the armed forces. General Douglas "
            "MacArthur signed as Supreme Commander for the Allied Powers, followed by "
            "representatives of the other Allied nations.",
            "MacArthur went on to lead the Allied occupation of Japan, which lasted until 1952.",
        ],
        "published_at": _at(2020, 8, 28),
        "revisions": [],
    },
    {
        "slug": "alexander-fleming-notices-penicillin",
        "title": "Alexander Fleming notices the mould that leads to penicillin",
        "year": 1928,
        "month": 9,
        "day": 28,
        "topics": ["science-and-technology"],
        "authors": EDITORS,
        "dek": (
            "Back from holiday, the Scottish bacteriologist finds that a mould growing on one "
            "of his culture plates has killed the bacteria around it."
        ),
        "body": [
            "Fleming worked at St Mary's Hospital in London, studying staphylococcus bacteria. "
            "By his own later account, September 28 was the day he noticed the contaminated "
            "dish and realised what it might mean.",
            "He identified the mould as a species of *Penicillium* and published his findings "
            "in 1929, but he could not purify the active substance in useful amounts.",
            "A decade later Howard Florey, Ernst Chain and their colleagues at Oxford turned "
            "penicillin into a practical drug, and it was mass-produced during the Second World "
            "War. The three men shared the Nobel Prize in Physiology or Medicine in 1945.",
        ],
        "published_at": None,
        "revisions": [],
    },
    # October
    {
        "slug": "germany-is-reunified",
        "title": "Germany is reunified",
        "year": 1990,
        "month": 10,
        "day": 3,
        "topics": ["politics"],
        "authors": EDITORS,
        "dek": (
            "Less than a year after the Berlin Wall opened, the German Democratic Republic "
            "ceases to exist and its territory joins the Federal Republic of Germany."
        ),
        "body": [
            "After the fall of the Wall, East Germans voted in their first free elections in "
            "March 1990, and the new government negotiated rapid union with the West. A "
            "monetary union in July brought the West German mark to the East.",
            "The Two Plus Four Treaty, signed in September by the two German states and the "
            "four wartime Allies, settled the international questions, including Germany's "
            "borders and the withdrawal of Soviet troops.",
            "At midnight on October 3, crowds celebrated in front of the Reichstag in Berlin. "
            "The first all-German elections were held in December, and the day is now the "
            "national holiday, German Unity Day.",
        ],
        "published_at": _at(2020, 9, 30),
        "revisions": [],
    },
    {
        "slug": "soviet-union-launches-sputnik",
        "title": "Soviet Union launches Sputnik, the first artificial satellite",
        "year": 1957,
        "month": 10,
        "day": 4,
        "topics": ["science-and-technology", "exploration"],
        "authors": ["daniel-okafor"],
        "dek": (
            "A polished metal sphere about the size of a beach ball goes into orbit and begins "
            "the space age, to the alarm of the United States."
        ),
        "body": [
            "Sputnik 1 was launched from the Baikonur Cosmodrome on a modified R-7 "
            "intercontinental missile. It weighed about 84 kilograms, trailed four long "
            "antennas and circled the Earth roughly every 96 minutes.",
            "Its simple radio beeps could be picked up by amateur operators around the world. "
            "They stopped after about three weeks, when its batteries ran out, and the "
            "satellite burned up in the atmosphere in January 1958.",
            "In the United States the launch caused a wave of concern that the country had "
            "fallen behind in science and missiles, a feeling sharpened when the first American "
            "attempt to launch a satellite exploded on the pad in December.",
        ],
        "published_at": _at(2017, 10, 2),
        "revisions": [
            {
                "kind": "substantive",
                "at": _at(2022, 10, 3),
                "note": "Added the American response, including the founding of NASA.",
                "add": (
                    "The United States put its first satellite, Explorer 1, into orbit in "
                    "January 1958. That summer Congress created NASA, and later in the year it "
                    "passed the National Defense Education Act to fund science and language "
                    "teaching."
                ),
            },
        ],
    },
    {
        "slug": "stock-market-crashes-on-black-tuesday",
        "title": "Stock market crashes on Black Tuesday",
        "year": 1929,
        "month": 10,
        "day": 29,
        "topics": ["business-and-economy"],
        "authors": EDITORS,
        "dek": (
            "Panic selling overwhelms the New York Stock Exchange, capping a week of collapse "
            "that marks the start of the Great Depression."
        ),
        "body": [
            "Through the 1920s share prices had soared, fuelled in part by investors buying on "
            "credit. The market peaked in early September 1929, then wobbled, and on Thursday, "
            "October 24, a wave of selling was halted only when leading bankers stepped in to "
            "buy.",
            "The respite was brief. On Monday prices fell steeply, and on Tuesday, October 29, "
            "some 16 million shares changed hands, a record that stood for decades, as "
            "investors rushed to sell at any price.",
            "The crash wiped out fortunes and shook confidence, and it was followed by the "
            "worst economic depression of the industrial era. By the summer of 1932 the Dow "
            "Jones Industrial Average had lost almost 90 percent of its 1929 value, and it did "
            "not regain its peak until 1954.",
        ],
        "published_at": _at(2021, 10, 26),
        "revisions": [],
    },
    # November
    {
        "slug": "berlin-wall-falls",
        "title": "The Berlin Wall falls",
        "year": 1989,
        "month": 11,
        "day": 9,
        "topics": ["politics"],
        "authors": ["ruth-abernathy", "daniel-okafor"],
        "is_featured": True,
        "dek": (
            "A confused announcement about new travel rules sends crowds of East Berliners to "
            "the border crossings, and the guards open the gates."
        ),
        "body": [
            "East Germany was in crisis in the autumn of 1989. Thousands of its citizens were "
            "escaping through Hungary and Czechoslovakia, and huge peaceful demonstrations "
            "were being held in Leipzig, East Berlin and other cities.",
            "On the evening of November 9 a Communist Party spokesman, Günter Schabowski, read "
            "out new regulations allowing East Germans to travel abroad. Asked when they "
            "would take effect, he looked through his notes and said, as far as he knew, "
            "immediately.",
            "Thousands of people went straight to the checkpoints. At Bornholmer Strasse, "
            "faced with a growing crowd and no orders, the officer in charge opened the "
            "barrier late that night; other crossings followed. People from both sides "
            "climbed onto the Wall and began chipping away at it.",
        ],
        "published_at": _at(2015, 11, 5),
        "revisions": [
            {
                "kind": "substantive",
                "at": _at(2019, 11, 7),
                "note": "Added the dismantling of the Wall and reunification.",
                "add": (
                    "Official demolition began in June 1990, and Germany was reunified less "
                    "than a year after the night the Wall opened. A stretch along the river "
                    "Spree, now covered in murals and known as the East Side Gallery, was "
                    "kept as a memorial."
                ),
            },
        ],
        "poster": {"background": "#3f4446", "ink": "#e6ddc8", "motif": "wall"},
        "hero_alt": (
            "Illustration: the year 1989 in large cream numerals on a dark grey background, "
            "above a row of rectangular blocks with a gap broken in the middle."
        ),
        "hero_caption": "The crossings opened on the night of November 9.",
    },
    {
        "slug": "president-kennedy-assassinated-in-dallas",
        "title": "President John F. Kennedy is assassinated in Dallas",
        "year": 1963,
        "month": 11,
        "day": 22,
        "topics": ["politics"],
        "authors": EDITORS,
        "dek": (
            "The president is shot while riding in an open car through downtown Dallas and "
            "dies within the hour; Vice President Lyndon B. Johnson is sworn in aboard Air "
            "Force One."
        ),
        "body": [
            "Kennedy was in Texas on a political trip ahead of the 1964 election. Shortly "
            "after 12:30 p.m., as his motorcade passed through Dealey Plaza, shots were fired. "
            "The president was hit in the neck and head, and Texas Governor John Connally, "
            "riding in the same car, was seriously wounded.",
            "Kennedy was pronounced dead at Parkland Memorial Hospital. Lee Harvey Oswald, an "
            "employee of the Texas School Book Depository overlooking the route, was arrested "
            "that afternoon. Two days later he was shot dead by Jack Ruby in the basement of "
            "Dallas police headquarters, in front of television cameras.",
            "The Warren Commission concluded in 1964 that Oswald had acted alone. The "
            "assassination has remained the subject of intense debate ever since.",
        ],
        "published_at": _at(2016, 11, 18),
        "revisions": [],
    },
    {
        "slug": "darwin-publishes-on-the-origin-of-species",
        "title": "Charles Darwin publishes On the Origin of Species",
        "year": 1859,
        "month": 11,
        "day": 24,
        "topics": ["science-and-technology"],
        "authors": EDITORS,
        "dek": (
            "The English naturalist sets out his theory of evolution by natural selection, in a "
            "book that changes how people understand the history of life."
        ),
        "body": [
            "Darwin had begun thinking about how species change during his five-year voyage "
            "around the world on HMS *Beagle* in the 1830s, and he spent the next two decades "
            "gathering evidence, from the breeding of pigeons to the distribution of plants "
            "and animals on islands.",
            "He was pushed to publish when the naturalist Alfred Russel Wallace sent him an "
            "essay describing much the same idea. Papers by both men were read together at the "
            "Linnean Society in London in 1858, and Darwin then wrote what he called an "
            "abstract of his larger work.",
            "The publisher John Murray printed 1,250 copies, and booksellers ordered more than "
            "that before the day of publication. The book argued that living things descend "
            "from common ancestors, shaped over vast stretches of time by the survival of "
            "individuals better suited to their surroundings.",
            "It provoked fierce debate among scientists and churchmen alike. Darwin revised it "
            "through six editions in his lifetime, and the core of his theory remains the "
            "foundation of modern biology.",
        ],
        "published_at": _at(2016, 11, 21),
        "revisions": [],
    },
    {
        "slug": "the-mousetrap-opens-in-london",
        "title": "Agatha Christie's The Mousetrap opens in London",
        "year": 1952,
        "month": 11,
        "day": 25,
        "topics": ["arts-and-culture"],
        "authors": ["lena-marchetti"],
        "dek": (
            "The murder mystery opens at the Ambassadors Theatre in the West End and goes on to "
            "become the longest-running play in the world."
        ),
        "body": [
            "*The Mousetrap* grew out of a short radio play, *Three Blind Mice*, that Christie "
            "wrote in 1947 for the eightieth birthday of Queen Mary. In its stage version a "
            "group of strangers is snowed in at a country guest house when news arrives of a "
            "murder in London.",
            "The original cast included Richard Attenborough and his wife, Sheila Sim. Christie "
            "reportedly expected a run of a few months.",
            "In 1974 the production moved next door to the larger St Martin's Theatre without "
            "missing a performance. By tradition, audiences are asked at the final curtain to "
            "keep the identity of the murderer a secret.",
        ],
        "published_at": _at(2017, 11, 21),
        "revisions": [
            {
                "kind": "substantive",
                "at": _at(2021, 5, 20),
                "note": "Added the pandemic closure and reopening.",
                "add": (
                    "The run was interrupted for the first time in March 2020, when London's "
                    "theatres closed during the COVID-19 pandemic. The play returned to the "
                    "St Martin's stage in May 2021."
                ),
            },
        ],
    },
    {
        "slug": "howard-carter-looks-into-tutankhamuns-tomb",
        "title": "Howard Carter looks into Tutankhamun's tomb",
        "year": 1922,
        "month": 11,
        "day": 26,
        "topics": ["exploration", "arts-and-culture"],
        "authors": EDITORS,
        "is_featured": True,
        "dek": (
            "By candlelight, the British archaeologist peers through a hole in a sealed "
            "doorway in Egypt's Valley of the Kings and sees the glint of gold."
        ),
        "body": [
            "Carter had searched the valley for years with funding from the Earl of Carnarvon. "
            "On November 4, 1922, his workers uncovered a step cut into the rock, the top of a "
            "staircase leading down to a blocked doorway. Carter covered it again and waited "
            "for Carnarvon to travel out from England.",
            "On November 26, with Carnarvon, his daughter Lady Evelyn Herbert and Carter's "
            "assistant Arthur Callender beside him, Carter made a small opening in the inner "
            "doorway and held up a candle. Asked whether he could see anything, he answered, "
            'in his own account, "Yes, wonderful things."',
            "The room was crowded with furniture, chariots, statues and chests, most of them "
            "undisturbed for more than 3,000 years. The sealed burial chamber was opened in "
            "February 1923, and the king's gold mask was revealed in 1925. Clearing and "
            "recording the tomb's contents took Carter and his team about ten years.",
        ],
        "published_at": _at(2016, 11, 22),
        "revisions": [
            {
                "kind": "substantive",
                "at": _at(2022, 11, 24),
                "note": "Added Lord Carnarvon's death and the legend of the curse.",
                "add": (
                    "Carnarvon died in Cairo in April 1923 of an infection, and newspapers "
                    "spread the story of a pharaoh's curse on those who had disturbed the "
                    "tomb. Carter himself lived until 1939."
                ),
            },
        ],
        "poster": {"background": "#6b5a3a", "ink": "#f0e3c0", "motif": "sun"},
        "hero_alt": (
            "Illustration: the year 1922 in large cream numerals on an ochre background, "
            "under a half-circle with radiating lines like a rising sun."
        ),
        "hero_caption": "The tomb's first chamber had been undisturbed for more than 3,000 years.",
    },
    {
        "slug": "first-national-thanksgiving-under-the-constitution",
        "title": "Americans observe the first national Thanksgiving under the Constitution",
        "year": 1789,
        "month": 11,
        "day": 26,
        "topics": ["arts-and-culture", "politics"],
        "authors": EDITORS,
        "dek": (
            "At the request of Congress, President George Washington had proclaimed this "
            "Thursday a day of public thanksgiving and prayer across the new nation."
        ),
        "body": [
            "Days of thanksgiving had been declared by colonial governments and by the "
            "Continental Congress during the Revolution. In September 1789 the first Congress "
            "under the new Constitution asked the president to recommend one for the whole "
            "country.",
            "Washington's proclamation, issued on October 3, set aside Thursday, November 26, "
            "to give thanks for the end of the war and for the peaceful establishment of a "
            "constitutional government.",
            "It did not yet become an annual holiday. Abraham Lincoln proclaimed a national "
            "Thanksgiving in 1863, and since 1941 federal law has fixed it on the fourth "
            "Thursday of November.",
        ],
        "published_at": _at(2018, 11, 20),
        "revisions": [],
    },
    {
        "slug": "alfred-nobel-signs-his-will",
        "title": "Alfred Nobel signs the will that creates the Nobel Prizes",
        "year": 1895,
        "month": 11,
        "day": 27,
        "topics": ["science-and-technology", "arts-and-culture"],
        "authors": EDITORS,
        "dek": (
            "At a club in Paris, the Swedish inventor of dynamite signs a short handwritten "
            "will leaving most of his fortune to reward work for the benefit of humankind."
        ),
        "body": [
            "Nobel had made a vast fortune from explosives and oil, with factories and "
            "companies in many countries. He had no wife or children, and he wrote his final "
            "will himself, in Swedish, on four pages. It was signed before witnesses at the "
            "Swedish-Norwegian Club in Paris.",
            "The will directed that the bulk of his estate be invested and its income divided "
            "each year into five prizes, for physics, chemistry, physiology or medicine, "
            "literature and peace, to be given without regard to nationality.",
            "When Nobel died at his villa in San Remo, Italy, in December 1896, the will took "
            "his family by surprise and was challenged. His young assistant Ragnar Sohlman, "
            "one of the executors, spent years settling the estate, and the Nobel Foundation "
            "was established in 1900.",
        ],
        "published_at": _at(2019, 11, 25),
        "revisions": [],
    },
    # December
    {
        "slug": "first-nobel-prizes-awarded",
        "title": "The first Nobel Prizes are awarded",
        "year": 1901,
        "month": 12,
        "day": 10,
        "topics": ["science-and-technology", "arts-and-culture"],
        "authors": EDITORS,
        "dek": (
            "Five years to the day after the death of Alfred Nobel, the prizes created by his "
            "will are presented for the first time, in Stockholm and Christiania."
        ),
        "body": [
            "Nobel, the Swedish chemist who invented dynamite and built an international "
            "industrial fortune, left most of his estate to fund annual prizes in physics, "
            "chemistry, physiology or medicine, literature and peace. His relatives contested "
            "the will, and it took years to establish the foundation that runs the awards.",
            "The first physics prize went to Wilhelm Conrad Röntgen for his discovery of "
            "X-rays. Jacobus van 't Hoff won in chemistry, Emil von Behring in medicine for his "
            "work on a treatment for diphtheria, and the French poet Sully Prudhomme in "
            "literature.",
            "The peace prize, awarded in Norway as Nobel had directed, was shared by Henry "
            "Dunant, a founder of the Red Cross, and the French peace campaigner Frédéric "
            "Passy. The prizes are still presented every December 10.",
        ],
        "published_at": _at(2019, 12, 6),
        "revisions": [],
    },
    {
        "slug": "boston-tea-party",
        "title": "Colonists dump British tea into Boston Harbor",
        "year": 1773,
        "month": 12,
        "day": 16,
        "topics": ["politics"],
        "authors": ["ruth-abernathy"],
        "dek": (
            "Protesters, some disguised as Mohawk Indians, board three ships and throw 342 "
            "chests of East India Company tea overboard, in what became known as the Boston "
            "Tea Party."
        ),
        "body": [
            "The Tea Act of 1773 let the struggling East India Company sell tea directly in the "
            "American colonies. The tea would be cheaper, but it still carried a duty set by "
            "Parliament, and many colonists saw buying it as accepting taxation without "
            "representation.",
            "When the ships *Dartmouth*, *Eleanor* and *Beaver* arrived in Boston, the royal "
            "governor, Thomas Hutchinson, refused to let them leave without unloading. On the "
            "evening of December 16, after a mass meeting, a group of men boarded the ships "
            "and spent about three hours emptying the tea into the harbor.",
            "Parliament responded in 1774 with laws that closed the port of Boston and "
            "restricted self-government in Massachusetts. The colonists called them the "
            "Intolerable Acts, and resistance spread, leading toward war in 1775.",
        ],
        "published_at": _at(2018, 12, 12),
        "revisions": [],
    },
    {
        "slug": "wright-brothers-first-powered-flight",
        "title": "The Wright brothers make the first powered airplane flights",
        "year": 1903,
        "month": 12,
        "day": 17,
        "topics": ["science-and-technology"],
        "authors": ["daniel-okafor"],
        "dek": (
            "At Kill Devil Hills near Kitty Hawk, North Carolina, Orville and Wilbur Wright fly "
            "their engine-powered Flyer four times, the longest flight lasting 59 seconds."
        ),
        "body": [
            "The brothers, who ran a bicycle business in Dayton, Ohio, had spent several years "
            "testing gliders on the windy dunes of the Outer Banks. Their key insight was a "
            "system for controlling an aircraft in all three axes, including warping the wings "
            "to roll and turn.",
            "Orville piloted the first flight, which lasted about 12 seconds and covered 120 "
            "feet, into a strong, cold wind. A local man, John Daniells, took the famous "
            "photograph of the Flyer just after it left the rail. The brothers took turns for "
            "three more flights; on the last, Wilbur covered 852 feet.",
            "Soon afterward a gust of wind overturned the Flyer and damaged it, and it never "
            "flew again. The brothers kept improving their designs, and by 1905 could stay in "
            "the air for more than half an hour.",
        ],
        "published_at": _at(2015, 12, 14),
        "revisions": [
            {
                "kind": "minor",
                "at": _at(2016, 1, 4),
                "note": "Corrected a spelling.",
                "fix": ("Daniells", "Daniels"),
            },
        ],
        "poster": {"background": "#3d5058", "ink": "#ece2cc", "motif": "wing"},
        "hero_alt": (
            "Illustration: the year 1903 in large cream numerals on a blue-grey background, "
            "with two long parallel bars suggesting the wings of a biplane."
        ),
        "hero_caption": "The first flight lasted about 12 seconds.",
    },
    {
        "slug": "soviet-union-is-dissolved",
        "title": "The Soviet Union is dissolved",
        "year": 1991,
        "month": 12,
        "day": 26,
        "topics": ["politics"],
        "authors": EDITORS,
        "dek": (
            "A day after Mikhail Gorbachev resigns as president, the Soviet parliament formally "
            "votes the USSR out of existence, leaving fifteen independent countries."
        ),
        "body": [
            "Gorbachev's reforms had loosened the Communist Party's grip, and after a failed "
            "hard-line coup in August 1991 the republics moved quickly toward independence. "
            "On December 8 the leaders of Russia, Ukraine and Belarus declared that the Soviet "
            "Union had ceased to exist and founded the Commonwealth of Independent States.",
            "On the evening of December 25 Gorbachev announced his resignation on television. "
            "The red Soviet flag over the Kremlin was lowered and replaced by the Russian "
            "tricolour.",
            "The next day the upper chamber of the Supreme Soviet adopted a declaration "
            "recognizing the end of the union. Russia took over the Soviet seat on the United "
            "Nations Security Council.",
        ],
        "published_at": _at(2021, 12, 20),
        "revisions": [],
    },
]

# Related events, linked both ways among the members of each group.
TIMELINES = {
    "space-race": [
        "soviet-union-launches-sputnik",
        "yuri-gagarin-first-human-in-space",
        "john-glenn-orbits-the-earth",
        "apollo-11-astronauts-walk-on-the-moon",
        "viking-1-lands-on-mars",
        "space-shuttle-challenger-breaks-apart",
    ],
    "divided-germany": [
        "east-germany-seals-border-in-berlin",
        "berlin-wall-falls",
        "germany-is-reunified",
        "soviet-union-is-dissolved",
    ],
    "second-world-war": [
        "soviet-troops-liberate-auschwitz",
        "allied-forces-land-in-normandy",
        "plot-to-kill-hitler-fails",
        "japan-signs-surrender-aboard-uss-missouri",
    ],
    "nobel-prizes": [
        "alfred-nobel-signs-his-will",
        "first-nobel-prizes-awarded",
    ],
    "civil-rights": [
        "emancipation-proclamation-takes-effect",
        "jackie-robinson-breaks-baseball-color-line",
        "supreme-court-decides-brown-v-board",
        "march-on-washington-for-jobs-and-freedom",
    ],
}


def _stories_from_data_file():
    """The shorter stories in ``demo_stories.json``: one every few days through the year, so
    that every date has a story within three days of it. Prose is data, kept out of code."""
    path = Path(__file__).with_name("demo_stories.json")
    writers = [person["slug"] for person in PEOPLE]
    stories = []
    for number, story in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        stories.append(
            {
                # Every third story is bylined by one of the team's members, in turn.
                "authors": [writers[number // 3 % len(writers)]] if number % 3 == 2 else EDITORS,
                "revisions": [],
                **story,
                "published_at": datetime.datetime.fromisoformat(story["published_at"]),
            }
        )
    return stories


EVENTS += _stories_from_data_file()
