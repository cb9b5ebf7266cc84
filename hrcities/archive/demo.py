"""Demo content for the memory archive, all marked `is_demo`.

The events and sites of memory are real and only well-established facts are stated,
neutrally: the May 18 Democratic Uprising in Gwangju (1980), the June Democratic
Struggle in Seoul (1987), Argentina's last dictatorship (1976–1983, remembered in
Rosario) and the Tlatelolco massacre in Mexico City (1968). Coordinates are given only
where they are known to about a hundred metres; elsewhere a place is linked to its city's
GeoNames entry only. No one is quoted.

The access-tier samples (network-only, restricted, embargoed) and the testimony are
invented to show the platform and say so in their titles: the narrator is fictional.
Every description ends by saying that it is demo content, not an official record of any
institution it names.

Records are matched by a stable key (a collection's slug, a record's English title, a
person's pseudonym) and brought up to date, so loading again creates nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from hrcities.access.tiers import Access, AfterEmbargo, Publication
from hrcities.core.services import create_record, update_record
from hrcities.network.models import City, GeoNamesPlace, Organisation

from .models import (
    Collection,
    Consent,
    Event,
    Item,
    ItemKind,
    Person,
    PersonRole,
    Place,
    Redaction,
    Relation,
)

NOTE = {
    "en": (
        "This is demo content prepared to show the archive; it is not an official record "
        "of any institution named here."
    ),
    "ko": (
        "이 기록은 아카이브를 보여 주기 위해 준비한 데모 콘텐츠이며, 여기에 언급된 "
        "기관의 공식 기록이 아닙니다."
    ),
}

FOUNDATION = "may-18-memorial-foundation"

# GeoNames ids of the cities (as in hrcities.network.demo).
GWANGJU, SEOUL, ROSARIO, MEXICO_CITY = 1841811, 1835848, 3838583, 3530597


def _described(texts: dict[str, str]) -> dict[str, str]:
    """Return the descriptions, each ending with the demo note in its language."""
    return {lang: f"{text} {NOTE.get(lang, NOTE['en'])}" for lang, text in texts.items()}


# --- collections ------------------------------------------------------------------------

COLLECTIONS: list[dict[str, Any]] = [
    {
        "key": "gwangju",
        "slug": "demo-may-18-democratic-uprising",
        "owner": ("organisation", FOUNDATION),
        "fallback_owner": ("city", "gwangju"),
        "original_language": "ko",
        "titles": {
            "en": "May 18 Democratic Uprising: records and sites of memory (demo)",
            "ko": "5·18 민주화운동: 기록과 기억의 장소 (데모)",
        },
        "descriptions": {
            "en": (
                "A small sample collection about the May 18 Democratic Uprising in Gwangju "
                "in 1980: its sites of memory, its records on UNESCO's Memory of the World "
                "Register, a fictional sample testimony and samples of each access tier."
            ),
            "ko": (
                "1980년 광주 5·18 민주화운동에 관한 작은 예시 컬렉션입니다. 기억의 장소, "
                "유네스코 세계기록유산에 등재된 기록물, 가상의 예시 증언, 공개 범위별 "
                "예시 기록을 담고 있습니다."
            ),
        },
    },
    {
        "key": "sites",
        "slug": "demo-sites-of-memory-in-human-rights-cities",
        "owner": ("city", "gwangju"),
        "original_language": "en",
        "titles": {
            "en": "Sites of memory in human rights cities (demo)",
            "ko": "인권도시의 기억의 장소 (데모)",
        },
        "descriptions": {
            "en": (
                "A sample collection of sites of memory in other cities of the network, "
                "places where state violence is remembered."
            ),
            "ko": (
                "네트워크의 다른 도시들에 있는 기억의 장소, 곧 국가폭력을 기억하는 "
                "장소들을 모은 예시 컬렉션입니다."
            ),
        },
    },
]

# --- places -----------------------------------------------------------------------------

PLACES: list[dict[str, Any]] = [
    {
        "key": "provincial-office",
        "owner": ("city", "gwangju"),
        "geonames": GWANGJU,
        # The Asia Culture Center complex, of which the old building is part.
        "latitude": 35.147,
        "longitude": 126.920,
        "address": "5·18 Democracy Square, Dong-gu, Gwangju",
        "original_language": "ko",
        "titles": {"en": "Former South Jeolla Provincial Office", "ko": "옛 전남도청"},
        "descriptions": {
            "en": (
                "The former seat of the South Jeolla provincial government, facing the "
                "5·18 Democracy Square in Dong-gu, Gwangju. During the uprising of May 1980 "
                "it was the centre of the citizens' resistance, which troops ended there on "
                "27 May 1980. The provincial government moved out in 2005; the site is now "
                "part of the Asia Culture Center, opened in 2015."
            ),
            "ko": (
                "광주 동구 5·18민주광장 앞에 있는 옛 전라남도청 자리입니다. 1980년 5월 "
                "항쟁 때 시민 항쟁의 중심지였으며, 1980년 5월 27일 계엄군이 이곳을 "
                "진압하면서 항쟁이 끝났습니다. 도청은 2005년에 이전했고, 이 자리는 "
                "2015년에 문을 연 국립아시아문화전당의 일부가 되었습니다."
            ),
        },
    },
    {
        "key": "cemetery",
        "owner": ("city", "gwangju"),
        "geonames": GWANGJU,
        "address": "Buk-gu, Gwangju",
        "original_language": "ko",
        "titles": {"en": "May 18th National Cemetery", "ko": "국립5·18민주묘지"},
        "descriptions": {
            "en": (
                "The national cemetery in Buk-gu, Gwangju, where those who died in the May "
                "18 Democratic Uprising are buried. It was completed in 1997; the old "
                "cemetery in Mangwol-dong, where many of the dead were first buried, lies "
                "nearby."
            ),
            "ko": (
                "광주 북구에 있는 국립묘지로, 5·18 민주화운동 희생자들이 안장되어 "
                "있습니다. 1997년에 조성되었으며, 많은 희생자가 처음 묻혔던 망월동 "
                "옛 묘역이 가까이에 있습니다."
            ),
        },
    },
    {
        "key": "archives",
        "owner": ("city", "gwangju"),
        "geonames": GWANGJU,
        "address": "Geumnam-ro, Dong-gu, Gwangju",
        "original_language": "ko",
        "titles": {"en": "5·18 Archives", "ko": "5·18민주화운동기록관"},
        "descriptions": {
            "en": (
                "The archive of Gwangju Metropolitan City that keeps and shows the records "
                "of the May 18 Democratic Uprising. It opened on 13 May 2015 in the former "
                "Catholic Center building on Geumnam-ro."
            ),
            "ko": (
                "5·18 민주화운동 기록물을 보존하고 전시하는 광주광역시의 기록관입니다. "
                "2015년 5월 13일 금남로의 옛 가톨릭센터 건물에서 문을 열었습니다."
            ),
        },
    },
    {
        "key": "namyeong-dong",
        "owner": ("city", "seoul"),
        "geonames": SEOUL,
        "address": "Namyeong-dong, Yongsan-gu, Seoul",
        "original_language": "ko",
        "titles": {
            "en": "Former Namyeong-dong anti-communist investigation office",
            "ko": "옛 남영동 대공분실",
        },
        "descriptions": {
            "en": (
                "A building in Yongsan-gu, Seoul, completed in 1976, where the police's "
                "anti-communist investigation unit detained, interrogated and tortured "
                "pro-democracy activists in the 1970s and 1980s. The student Park Jong-chul "
                "died there under torture on 14 January 1987. In December 2018 its "
                "management passed from the police to the Korea Democracy Foundation, which "
                "has made it the Democracy and Human Rights Memorial."
            ),
            "ko": (
                "1976년 서울 용산구에 지어진 건물로, 1970~80년대 경찰 대공분실이 "
                "민주화운동가들을 가두고 조사하며 고문한 곳입니다. 1987년 1월 14일 "
                "대학생 박종철이 이곳에서 고문을 받다 숨졌습니다. 2018년 12월 관리 "
                "주체가 경찰에서 민주화운동기념사업회로 넘어갔고, 민주인권기념관이 "
                "되었습니다."
            ),
        },
    },
    {
        "key": "rosario-museum",
        "owner": ("city", "rosario"),
        "geonames": ROSARIO,
        "address": "Córdoba y Moreno, Rosario",
        "original_language": "es",
        "titles": {
            "en": "Museo de la Memoria, Rosario",
            "es": "Museo de la Memoria de Rosario",
            "ko": "로사리오 기억 박물관",
        },
        "descriptions": {
            "en": (
                "Rosario's museum of memory, created by an ordinance of the city's "
                "Municipal Council in 1998. Since 2010 it has been housed on the corner of "
                "Córdoba and Moreno streets, in the building that was the headquarters of "
                "the Command of the Army's II Corps during the last dictatorship."
            ),
            "ko": (
                "1998년 로사리오 시의회 조례로 만들어진 기억 박물관입니다. 2010년부터 "
                "코르도바 거리와 모레노 거리 모퉁이, 마지막 독재 시기에 육군 제2군단 "
                "사령부가 있던 건물에 자리하고 있습니다."
            ),
        },
    },
    {
        "key": "tlatelolco",
        "owner": ("city", "mexico-city"),
        "geonames": MEXICO_CITY,
        "address": "Tlatelolco, Mexico City",
        "original_language": "es",
        "titles": {
            "en": "Plaza de las Tres Culturas, Tlatelolco",
            "es": "Plaza de las Tres Culturas, Tlatelolco",
            "ko": "틀라텔롤코 삼문화 광장",
        },
        "descriptions": {
            "en": (
                "A square in Tlatelolco, Mexico City, named for its pre-Hispanic remains, "
                "its colonial church and its modern buildings. It is where the massacre of "
                "2 October 1968 took place; the Memorial del 68 is in the neighbouring "
                "Centro Cultural Universitario Tlatelolco of UNAM."
            ),
            "ko": (
                "멕시코시티 틀라텔롤코에 있는 광장으로, 스페인 정복 이전의 유적과 "
                "식민지 시대 성당, 현대 건물이 함께 있어 이런 이름이 붙었습니다. "
                "1968년 10월 2일 학살이 일어난 곳이며, 바로 옆 멕시코국립자치대학교(UNAM) "
                "틀라텔롤코 문화센터에 '68 기념관(Memorial del 68)'이 있습니다."
            ),
        },
    },
]

# --- events -----------------------------------------------------------------------------

EVENTS: list[dict[str, Any]] = [
    {
        "key": "may-18",
        "owner": ("city", "gwangju"),
        "date_text": "1980-05-18/1980-05-27",
        "places": ["provincial-office"],
        "original_language": "ko",
        "tags": [
            "theme:right-to-life",
            "theme:freedom-of-opinion-and-expression-access-to-information",
            "theme:right-to-participate-in-public-affairs-right-to-vote",
            "sdg:16",
        ],
        "titles": {"en": "May 18 Democratic Uprising", "ko": "5·18 민주화운동"},
        "descriptions": {
            "en": (
                "After martial law was extended to the whole country on 17 May 1980, "
                "citizens of Gwangju rose against the military authorities from 18 to 27 "
                "May 1980. Martial-law troops, paratroopers among them, used lethal force "
                "against demonstrators and residents. On 27 May troops retook the South "
                "Jeolla Provincial Office, where the last members of the citizens' militia "
                "had stayed. The uprising is a defining event in the democratisation of "
                "the Republic of Korea."
            ),
            "ko": (
                "1980년 5월 17일 비상계엄이 전국으로 확대된 뒤, 5월 18일부터 27일까지 "
                "광주 시민들이 계엄군에 맞서 일어났습니다. 공수부대를 비롯한 계엄군은 "
                "시위대와 시민들에게 무력을 사용했습니다. 5월 27일 계엄군은 시민군이 "
                "마지막까지 남아 있던 전남도청을 진압했습니다. 5·18 민주화운동은 "
                "대한민국 민주화의 역사에서 결정적인 사건입니다."
            ),
        },
    },
    {
        "key": "june-1987",
        "owner": ("city", "seoul"),
        "date_text": "1987-06-10/1987-06-29",
        "places": [],
        "original_language": "ko",
        "tags": [
            "theme:prohibition-of-torture-cruel-inhuman-or-degrading-treatment",
            "theme:right-to-participate-in-public-affairs-right-to-vote",
            "sdg:16",
        ],
        "titles": {"en": "June Democratic Struggle", "ko": "6월 민주항쟁"},
        "descriptions": {
            "en": (
                "Demonstrations across the country, from 10 to 29 June 1987, demanded a "
                "constitutional amendment for direct presidential elections. They followed "
                "the death of the student Park Jong-chul under torture at the police's "
                "Namyeong-dong anti-communist investigation office in January 1987. On 29 "
                "June 1987 Roh Tae-woo, the ruling party's presidential candidate, "
                "announced that direct presidential elections would be accepted (the June "
                "29 Declaration)."
            ),
            "ko": (
                "1987년 6월 10일부터 29일까지 대통령 직선제 개헌을 요구하는 시위가 "
                "전국에서 이어졌습니다. 그해 1월 대학생 박종철이 남영동 대공분실에서 "
                "고문을 받다 숨진 사건이 항쟁의 배경이 되었습니다. 1987년 6월 29일 "
                "여당의 대통령 후보 노태우가 직선제 개헌을 받아들이겠다고 발표했습니다"
                "(6·29 선언)."
            ),
        },
    },
    {
        "key": "argentina-dictatorship",
        "owner": ("city", "rosario"),
        "date_text": "1976-03-24/1983-12-10",
        "places": ["rosario-museum"],
        "original_language": "es",
        "tags": [
            "theme:enforced-disappearances",
            "theme:prohibition-of-torture-cruel-inhuman-or-degrading-treatment",
            "sdg:16",
        ],
        "titles": {
            "en": "Argentina's last civic-military dictatorship",
            "es": "Última dictadura cívico-militar en Argentina",
            "ko": "아르헨티나의 마지막 군사독재",
        },
        "descriptions": {
            "en": (
                "The armed forces seized power in Argentina on 24 March 1976 and ruled until "
                "an elected government took office on 10 December 1983. State terrorism "
                "under the dictatorship included clandestine detention centres, torture and "
                "the enforced disappearance of thousands of people. In Rosario, the Command "
                "of the Army's II Corps had its headquarters."
            ),
            "ko": (
                "아르헨티나 군부는 1976년 3월 24일 권력을 장악해 1983년 12월 10일 선출된 "
                "정부가 출범할 때까지 통치했습니다. 독재 시기의 국가테러에는 비밀 구금시설, "
                "고문, 수많은 사람들의 강제실종이 포함됩니다. 로사리오에는 육군 제2군단 "
                "사령부가 있었습니다."
            ),
        },
    },
    {
        "key": "tlatelolco-1968",
        "owner": ("city", "mexico-city"),
        "date_text": "1968-10-02",
        "places": ["tlatelolco"],
        "original_language": "es",
        "tags": [
            "theme:right-to-life",
            "theme:freedom-of-opinion-and-expression-access-to-information",
            "sdg:16",
        ],
        "titles": {
            "en": "Tlatelolco massacre",
            "es": "Matanza de Tlatelolco",
            "ko": "틀라텔롤코 학살",
        },
        "descriptions": {
            "en": (
                "On 2 October 1968 the army and the Olympia Battalion opened fire on a rally "
                "of the student movement in the Plaza de las Tres Culturas, Tlatelolco, in "
                "Mexico City, ten days before the opening of the Olympic Games. The number "
                "of people killed has never been established with certainty."
            ),
            "ko": (
                "1968년 10월 2일, 멕시코 올림픽 개막 열흘 전, 군과 올림피아 대대가 "
                "멕시코시티 틀라텔롤코의 삼문화 광장에서 열린 학생운동 집회에 총격을 "
                "가했습니다. 희생자 수는 지금까지도 확실히 밝혀지지 않았습니다."
            ),
        },
    },
]

# --- the fictional narrator and the items -----------------------------------------------

NARRATOR: dict[str, Any] = {
    "owner": ("city", "gwangju"),
    "pseudonym": "Narrator A (demo)",
    "real_name": "Demo Real Name (fictional)",
    "real_name_may_be_shown": False,
    "contact": "narrator-a@example.org (fictional)",
    "original_language": "ko",
    "titles": {"en": "Narrator A (demo)", "ko": "화자 A (데모)"},
    "descriptions": {
        "en": "A fictional narrator for the sample testimony.",
        "ko": "예시 증언을 위한 가상의 화자입니다.",
    },
}

TESTIMONY_KO = (
    "[데모 예시: 실제 증언이 아닌 가상의 글입니다.]\n"
    "화자 A: 1980년 5월에 저는 광주에서 학생이었습니다. 며칠 동안 우리 가족은 형이 어디에 "
    "있는지 알지 못했습니다. 골목 끝에서 가게를 하던 이웃 데모 씨가 우리가 소식을 기다릴 "
    "수 있도록 집을 내주었습니다. 형이 돌아온 뒤에도 우리는 오랫동안 그 며칠에 대해 "
    "이야기하지 않았습니다."
)
TESTIMONY_EN = (
    "[Demo sample: a fictional text, not a real testimony.]\n"
    "Narrator A: In May 1980 I was a student in Gwangju. For several days my family did not "
    "know where my older brother was. Our neighbour Mr Demo, who kept the shop at the end of "
    "the alley, let us wait for news in his house. Even after my brother came home, we did "
    "not talk about those days for many years."
)
TRANSCRIPT = f"{TESTIMONY_KO}\n\nEnglish translation:\n{TESTIMONY_EN}"
# Words naming a third person, withheld from readers who do not keep the item.
REDACTED_PHRASES = [
    "골목 끝에서 가게를 하던 이웃 데모 씨",
    "Our neighbour Mr Demo, who kept the shop at the end of the alley",
]
REDACTION_REASON = "Names a third person who has not consented (demo)."
CONSENT_SCOPES = [
    Consent.Scope.ARCHIVE.value,
    Consent.Scope.PUBLISH.value,
    Consent.Scope.QUOTE.value,
]

ITEMS: list[dict[str, Any]] = [
    {
        "key": "provincial-office-site",
        "owner": ("city", "gwangju"),
        "kind": ItemKind.SITE,
        "collection": "gwangju",
        "place": "provincial-office",
        "events": ["may-18"],
        "original_language": "ko",
        "tags": ["theme:right-to-life", "sdg:16"],
        "titles": {
            "en": "The former South Jeolla Provincial Office as a site of memory",
            "ko": "기억의 장소, 옛 전남도청",
        },
        "descriptions": {
            "en": (
                "The building where the citizens' resistance of May 1980 was centred and "
                "where it ended on 27 May 1980. It stands beside the 5·18 Democracy Square, "
                "where the uprising is commemorated, within the Asia Culture Center."
            ),
            "ko": (
                "1980년 5월 시민 항쟁의 중심이었고 5월 27일 항쟁이 끝난 곳입니다. "
                "5·18을 기념하는 5·18민주광장 옆, 국립아시아문화전당 안에 있습니다."
            ),
        },
    },
    {
        "key": "memory-of-the-world",
        "owner": ("city", "gwangju"),
        "kind": ItemKind.DOCUMENT,
        "collection": "gwangju",
        "place": "archives",
        "events": ["may-18"],
        "date_text": "2011",
        "original_language": "ko",
        "tags": ["theme:human-rights-education-trainings-awareness-raising", "sdg:16"],
        "titles": {
            "en": "The records of the May 18 Democratic Uprising on UNESCO's Memory of the "
            "World Register (2011)",
            "ko": "유네스코 세계기록유산에 등재된 5·18 민주화운동 기록물 (2011)",
        },
        "descriptions": {
            "en": (
                'In 2011 UNESCO inscribed the "Human Rights Documentary Heritage 1980 '
                "Archives for the May 18th Democratic Uprising against Military Regime, in "
                'Gwangju, Republic of Korea" on its Memory of the World Register. The '
                "records, documents, photographs and testimonies among them, are kept and "
                "shown at the 5·18 Archives in Gwangju."
            ),
            "ko": (
                "2011년 유네스코는 '1980년 인권기록유산 5·18 광주민주화운동 기록물'을 "
                "세계기록유산으로 등재했습니다. 문서, 사진, 증언 등으로 이루어진 이 "
                "기록물은 광주의 5·18민주화운동기록관에서 보존하고 전시합니다."
            ),
        },
    },
    {
        "key": "cemetery-site",
        "owner": ("city", "gwangju"),
        "kind": ItemKind.SITE,
        "collection": "gwangju",
        "place": "cemetery",
        "events": ["may-18"],
        "original_language": "ko",
        "tags": ["theme:right-to-life"],
        "titles": {
            "en": "The May 18th National Cemetery as a site of memory",
            "ko": "기억의 장소, 국립5·18민주묘지",
        },
        "descriptions": {
            "en": (
                "The resting place of those who died in the May 18 Democratic Uprising, "
                "where the anniversary is commemorated each May."
            ),
            "ko": "5·18 민주화운동 희생자들이 잠든 곳으로, 해마다 5월에 기념식이 열립니다.",
        },
    },
    {
        "key": "testimony",
        "owner": ("city", "gwangju"),
        "kind": ItemKind.TESTIMONY,
        "collection": "gwangju",
        "events": ["may-18"],
        "date_text": "2020-05",
        "original_language": "ko",
        "narrator": True,
        "transcript": TRANSCRIPT,
        "exact_location": "Sample-dong, Gwangju (fictional address)",
        "contact": "narrator-a@example.org (fictional)",
        "rights": "Demo sample: fictional text written for the demo.",
        "restricted_fields": ["contact", "exact_location", "narrator_name"],
        "titles": {
            "en": "Sample testimony (demo): a fictional narrator remembers May 1980",
            "ko": "예시 증언 (데모): 가상의 화자가 기억하는 1980년 5월",
        },
        "descriptions": {
            "en": (
                "Sample testimony (demo): a fictional narrator, written to show how the "
                "archive keeps a testimony with its consent, hides the narrator's real "
                "name, contact and exact place, and withholds the words that name a third "
                "person. It is not the account of a real person."
            ),
            "ko": (
                "예시 증언(데모): 가상의 화자입니다. 아카이브가 동의와 함께 증언을 "
                "보관하고, 화자의 실명·연락처·정확한 장소를 숨기며, 제3자를 가리키는 "
                "말을 가리는 방식을 보여 주려고 쓴 글입니다. 실제 인물의 증언이 아닙니다."
            ),
        },
    },
    {
        "key": "network-notes",
        "owner": ("city", "gwangju"),
        "kind": ItemKind.DOCUMENT,
        "collection": "gwangju",
        "events": ["may-18"],
        "access": Access.NETWORK,
        "original_language": "ko",
        "titles": {
            "en": "Working notes for a partner-city exchange on sites of memory (demo sample)",
            "ko": "기억의 장소에 관한 파트너 도시 교류 준비 메모 (데모 예시)",
        },
        "descriptions": {
            "en": (
                "A sample of a network-only record: invented working notes for an exchange "
                "between partner cities on caring for sites of memory. Only signed-in "
                "members of the network see it."
            ),
            "ko": (
                "네트워크 회원 전용 기록의 예시입니다. 기억의 장소 관리에 관한 파트너 "
                "도시 교류를 위해 지어낸 준비 메모로, 로그인한 네트워크 회원만 볼 수 "
                "있습니다."
            ),
        },
    },
    {
        "key": "restricted-donation",
        "owner": ("organisation", FOUNDATION),
        "fallback_owner": ("city", "gwangju"),
        "kind": ItemKind.DOCUMENT,
        "collection": "gwangju",
        "access": Access.RESTRICTED,
        "allowed_organisations": [FOUNDATION],
        "original_language": "ko",
        "titles": {
            "en": "Inventory of an unreviewed donation (demo sample)",
            "ko": "검토 전 기증 자료 목록 (데모 예시)",
        },
        "descriptions": {
            "en": (
                "A sample of a restricted record: it stands for a donation not yet "
                "reviewed, seen only by the named organisation and those who keep the "
                "record. No real donation is described."
            ),
            "ko": (
                "제한 공개 기록의 예시입니다. 아직 검토하지 않은 기증 자료를 가정한 "
                "것으로, 지정된 기관과 기록 관리자만 볼 수 있습니다. 실제 기증 자료를 "
                "설명하지 않습니다."
            ),
        },
    },
    {
        "key": "embargoed-recording",
        "owner": ("city", "gwangju"),
        "kind": ItemKind.AUDIO,
        "collection": "gwangju",
        "events": ["may-18"],
        "access": Access.EMBARGOED,
        "embargo_until": date(2030, 1, 1),
        "after_embargo": AfterEmbargo.PUBLIC,
        "original_language": "ko",
        "titles": {
            "en": "Sealed oral-history recording (demo sample)",
            "ko": "공개 유예된 구술 녹음 (데모 예시)",
        },
        "descriptions": {
            "en": (
                "A sample of an embargoed record: an invented oral-history recording kept "
                "closed until 1 January 2030, then public. It has no real recording."
            ),
            "ko": (
                "공개 유예 기록의 예시입니다. 2030년 1월 1일까지 비공개로 두었다가 그 뒤 "
                "공개하는 가상의 구술 녹음이며, 실제 녹음 파일은 없습니다."
            ),
        },
    },
    {
        "key": "namyeong-dong-site",
        "owner": ("city", "seoul"),
        "kind": ItemKind.SITE,
        "collection": "sites",
        "place": "namyeong-dong",
        "events": ["june-1987"],
        "original_language": "ko",
        "tags": ["theme:prohibition-of-torture-cruel-inhuman-or-degrading-treatment", "sdg:16"],
        "titles": {
            "en": "The former Namyeong-dong anti-communist investigation office as a site "
            "of memory",
            "ko": "기억의 장소, 옛 남영동 대공분실",
        },
        "descriptions": {
            "en": (
                "A former place of detention and torture in Seoul, now the Democracy and "
                "Human Rights Memorial, managed by the Korea Democracy Foundation since "
                "December 2018."
            ),
            "ko": (
                "서울의 옛 구금·고문 장소로, 2018년 12월부터 민주화운동기념사업회가 "
                "관리하는 민주인권기념관입니다."
            ),
        },
    },
    {
        "key": "rosario-museum-site",
        "owner": ("city", "rosario"),
        "kind": ItemKind.SITE,
        "collection": "sites",
        "place": "rosario-museum",
        "events": ["argentina-dictatorship"],
        "original_language": "es",
        "tags": ["theme:enforced-disappearances", "sdg:16"],
        "titles": {
            "en": "The Museo de la Memoria in Rosario as a site of memory",
            "es": "El Museo de la Memoria de Rosario, sitio de memoria",
            "ko": "기억의 장소, 로사리오 기억 박물관",
        },
        "descriptions": {
            "en": (
                "A museum of memory about state terrorism under Argentina's last "
                "dictatorship, in the building where the Command of the Army's II Corps "
                "had its headquarters."
            ),
            "ko": (
                "아르헨티나 마지막 독재 시기의 국가테러를 기억하는 박물관으로, 육군 "
                "제2군단 사령부가 있던 건물에 있습니다."
            ),
        },
    },
    {
        "key": "tlatelolco-site",
        "owner": ("city", "mexico-city"),
        "kind": ItemKind.SITE,
        "collection": "sites",
        "place": "tlatelolco",
        "events": ["tlatelolco-1968"],
        "original_language": "es",
        "tags": ["theme:right-to-life", "sdg:16"],
        "titles": {
            "en": "The Plaza de las Tres Culturas as a site of memory",
            "es": "La Plaza de las Tres Culturas, sitio de memoria",
            "ko": "기억의 장소, 틀라텔롤코 삼문화 광장",
        },
        "descriptions": {
            "en": (
                "The square where the massacre of 2 October 1968 took place and where it "
                "is remembered every year; the Memorial del 68 is close by."
            ),
            "ko": (
                "1968년 10월 2일 학살이 일어났고 해마다 이를 기억하는 광장입니다. 가까이에 "
                "'68 기념관'이 있습니다."
            ),
        },
    },
]

# (source kind, source key, relation, target kind, target key, note)
RELATIONS: list[tuple[str, str, str, str, str, str]] = [
    (
        "event",
        "may-18",
        Relation.Kind.SHARES_EXPERIENCE,
        "event",
        "june-1987",
        "Demo link: the democratic movement of 1987 carried on the memory of May 1980.",
    ),
    (
        "event",
        "may-18",
        Relation.Kind.SHARES_EXPERIENCE,
        "event",
        "argentina-dictatorship",
        "Demo link: both are remembered as violence of a military regime against citizens.",
    ),
    (
        "event",
        "may-18",
        Relation.Kind.SHARES_EXPERIENCE,
        "event",
        "tlatelolco-1968",
        "Demo link: both are remembered as lethal state violence against demonstrators.",
    ),
    ("item", "cemetery-site", Relation.Kind.COMMEMORATES, "event", "may-18", ""),
    ("item", "namyeong-dong-site", Relation.Kind.COMMEMORATES, "event", "june-1987", ""),
    (
        "item",
        "rosario-museum-site",
        Relation.Kind.COMMEMORATES,
        "event",
        "argentina-dictatorship",
        "",
    ),
    ("item", "tlatelolco-site", Relation.Kind.COMMEMORATES, "event", "tlatelolco-1968", ""),
]

COUNT_KEYS = [
    "archive collections",
    "archive places",
    "archive events",
    "archive people",
    "archive items",
    "archive relations",
    "archive consents",
    "archive redactions",
]


# --- loading ----------------------------------------------------------------------------


def _owner(spec: dict[str, Any]) -> dict[str, Any] | None:
    """Return {"city": …} or {"organisation": …} for the record, or None if not loaded."""
    candidates = [spec["owner"], *([spec["fallback_owner"]] if "fallback_owner" in spec else [])]
    for kind, slug in candidates:
        model = City if kind == "city" else Organisation
        record = model.objects.filter(slug=slug).first()
        if record is not None:
            other = "organisation" if kind == "city" else "city"
            return {kind: record, other: None}
    return None


def _upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> Any:
    """Create the record or bring it up to date (keeping revisions); return (record, new)."""
    record = model.objects.filter(**lookup).first()
    if record is None:
        return create_record(model, by=None, **values), True  # type: ignore[type-var]
    return update_record(record, values, by=None, based_on_version=None), False  # type: ignore[type-var]


def _common(spec: dict[str, Any], owner: dict[str, Any]) -> dict[str, Any]:
    return {
        **owner,
        "titles": spec["titles"],
        "descriptions": _described(spec["descriptions"]),
        "original_language": spec["original_language"],
        "is_demo": True,
    }


def _published(spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "access": spec.get("access", Access.PUBLIC),
        "embargo_until": spec.get("embargo_until"),
        "after_embargo": spec.get("after_embargo", AfterEmbargo.PUBLIC),
        "publication": Publication.PUBLISHED,
        "is_withdrawn": False,
    }


def _tag(record: models.Model, labels: list[str]) -> None:
    """Accept the demo tags that exist (themes come with `load_reference`), keeping others."""
    from hrcities.taxonomy.tags import accepted_labels, describe, set_accepted_tags

    known = [label for label in labels if label in describe(labels)]
    current = accepted_labels(record)
    if set(known) - set(current):
        set_accepted_tags(record, [*current, *known], by=None)


def _place_values(spec: dict[str, Any], owner: dict[str, Any]) -> dict[str, Any]:
    return {
        **_common(spec, owner),
        "geonames_place": GeoNamesPlace.objects.filter(geonames_id=spec["geonames"]).first(),
        "latitude": spec.get("latitude"),
        "longitude": spec.get("longitude"),
        "address": spec.get("address", ""),
    }


def _add_redactions(item: Item) -> int:
    """Withhold each phrase wherever it stands in the item (as `redact_phrase` does)."""
    made = 0
    for phrase in REDACTED_PHRASES:
        if phrase in item.transcript and not item.redactions.filter(phrase=phrase).exists():
            redaction = Redaction(item=item, phrase=phrase, reason=REDACTION_REASON)
            redaction.full_clean()
            redaction.save()
            made += 1
    return made


@transaction.atomic
def load_demo_archive() -> dict[str, int]:
    """Load the demo archive; return how many records of each kind were new.

    Needs the demo cities and organisations (`load_demo_network`). Safe to run again.
    """
    created = dict.fromkeys(COUNT_KEYS, 0)

    collections: dict[str, Collection] = {}
    for spec in COLLECTIONS:
        owner = _owner(spec)
        if owner is None:
            continue
        values = {**_common(spec, owner), **_published(spec), "slug": spec["slug"]}
        record, new = _upsert(Collection, {"slug": spec["slug"]}, values)
        collections[spec["key"]] = record
        created["archive collections"] += new

    places: dict[str, Place] = {}
    for spec in PLACES:
        owner = _owner(spec)
        if owner is None:
            continue
        lookup = {"is_demo": True, "titles__en": spec["titles"]["en"]}
        record, new = _upsert(Place, lookup, _place_values(spec, owner))
        places[spec["key"]] = record
        created["archive places"] += new

    events: dict[str, Event] = {}
    for spec in EVENTS:
        owner = _owner(spec)
        if owner is None:
            continue
        values = {
            **_common(spec, owner),
            **_published(spec),
            "date_text": spec["date_text"],
            "places": [places[key] for key in spec["places"] if key in places],
        }
        lookup = {"is_demo": True, "titles__en": spec["titles"]["en"]}
        record, new = _upsert(Event, lookup, values)
        _tag(record, spec.get("tags", []))
        events[spec["key"]] = record
        created["archive events"] += new

    narrator = None
    owner = _owner(NARRATOR)
    if owner is not None:
        values = {
            **_common(NARRATOR, owner),
            **{k: NARRATOR[k] for k in ("pseudonym", "real_name", "real_name_may_be_shown")},
            "contact": NARRATOR["contact"],
        }
        lookup = {"is_demo": True, "pseudonym": NARRATOR["pseudonym"]}
        narrator, new = _upsert(Person, lookup, values)
        created["archive people"] += new

    items: dict[str, Item] = {}
    for spec in ITEMS:
        owner = _owner(spec)
        if owner is None or (spec.get("narrator") and narrator is None):
            continue
        values = {
            **_common(spec, owner),
            **_published(spec),
            "kind": spec["kind"],
            "date_text": spec.get("date_text", ""),
            "collection": collections.get(spec.get("collection", "")),
            "place": places.get(spec.get("place", "")),
            "events": [events[key] for key in spec.get("events", []) if key in events],
            "narrator": narrator if spec.get("narrator") else None,
            "transcript": spec.get("transcript", ""),
            "exact_location": spec.get("exact_location", ""),
            "contact": spec.get("contact", ""),
            "rights": spec.get("rights", ""),
            "restricted_fields": spec.get("restricted_fields", []),
            "allowed_organisations": list(
                Organisation.objects.filter(slug__in=spec.get("allowed_organisations", []))
            ),
        }
        lookup = {"is_demo": True, "titles__en": spec["titles"]["en"]}
        item, new = _upsert(Item, lookup, values)
        _tag(item, spec.get("tags", []))
        items[spec["key"]] = item
        created["archive items"] += new

        if spec.get("narrator"):
            PersonRole.objects.get_or_create(
                person=narrator, role=PersonRole.Role.NARRATOR, item=item
            )
            if not item.consents.exists():
                consent = Consent(
                    item=item,
                    person=narrator,
                    scopes=sorted(CONSENT_SCOPES),
                    given_on=date(2020, 5, 1),
                    note="Demo consent given by a fictional narrator.",
                )
                consent.full_clean()
                consent.save()
                created["archive consents"] += 1
            created["archive redactions"] += _add_redactions(item)

    records = {"event": events, "item": items}
    for source_kind, source, kind, target_kind, target, note in RELATIONS:
        source_record = records[source_kind].get(source)
        target_record = records[target_kind].get(target)
        if source_record is None or target_record is None:
            continue
        _relation, new = Relation.objects.get_or_create(
            source_type=ContentType.objects.get_for_model(source_record),
            source_id=source_record.pk,
            kind=kind,
            target_type=ContentType.objects.get_for_model(target_record),
            target_id=target_record.pk,
            defaults={"note": note},
        )
        created["archive relations"] += new
    return created
