// The action lexicon: which words of a title or first sentence say what officials did.
//
// Written for this project from how news agencies word protocol reports in English, French,
// Vietnamese and German. One line per action and language:
//
//   ACTION LANG: phrase | phrase | ...
//
// A phrase is words as tokenise() folds them: lower case, apostrophes and hyphens split
// ("s'entretient" -> "s entretient", "après-midi" -> "après midi"), Vietnamese by syllable.
//   *       any one word                 ("begins * state visit": "begins his state visit")
//   ..      up to six words, then the rest of the phrase
//   word*   any word that starts with "word"
//   ^       the next word is capitalised in the text: a name or a place ("arrives in ^" reads
//           "arrives in Hanoi", not "arrived in time")
// Phrases are kept to collocations of protocol news: a bare "left", "met" or "opened" is as
// often a crime, a match or a market ("left two dead", "opened fire"), and an action read in a
// report of other news would split its event. A language is added by adding its lines.
//
//   compatible: A B C     each two of these may describe one event (the welcome ceremony, the
//                         talks right after it and their press conference are one event)
//   general: A            names the action only when no other action is named ("attends the
//                         summit" says less than "attends the opening ceremony")
//   with: A B             held with someone: the sentence naming it names who with (its
//                         counterparts: "talks with President Luong Cuong")
//
// Who the counterparts are is read from four lists of single words per language (Vietnamese by
// syllable): "office" ends the name of an office, and the name of two words or more right after
// it (at most six words on) is its holder's ("French President Emmanuel Macron", "le secrétaire
// général du parti communiste Tô Lâm", "Thủ tướng Phạm Minh Chính"); a run of capitals holding
// a "body" word, or opening with a "body-first" syllable, names a body, not a person ("Communist
// Party", "Đảng Cộng sản"); after a "place" word a name is a place ("in Ha Noi", "tại Hà Nội").
// A new language needs its lines here, or its counterparts are not read.
//
// Measured on ../shared/data/dev (README, "What happened"): among candidate pairs, reports whose
// actions differ under this lexicon are different events in all but a handful of cases.
#include "crossdup/happening.h"

namespace crossdup {

extern const char* const kActionLexicon;
const char* const kActionLexicon = R"(
arrive en: arrive in ^ | arrives in ^ | arrived in ^ | arriving in ^ | arrived at ^ .. airport | arrives at ^ .. airport | arrived at * airport | arrives at * airport | at the airport | touched down | touches down | lands in ^ | landed in ^ | begins * state visit | began * state visit | begun * state visit | begins * official visit | began * official visit | begun * official visit | starts * state visit | started * state visit | starting * state visit | beginning * state visit | starts * official visit | started * official visit | starting * official visit | beginning * official visit
arrive fr: arrive à ^ | arrive au ^ | arrive en ^ | arrivé à ^ | arrivée à ^ | arrivés à ^ | arrivé au ^ | arrivés au ^ | arrivé en ^ | arrivés en ^ | atterri à ^ | entame .. visite | entament .. visite | entamant .. visite | entamé .. visite
arrive vi: tới ^ .. bắt đầu | đến ^ .. bắt đầu | tới ^ .. dự | đến ^ .. dự | tới ^ .. tham dự | đến ^ .. tham dự | đã tới ^ | đã đến ^ | tới sân bay | đến sân bay | tới thủ đô | đến thủ đô
arrive de: traf in ^ ein | trafen in ^ ein | ist in ^ eingetroffen | sind in ^ eingetroffen | landete in ^

depart en: leaves ^ .. for | left ^ .. for | leaves for | left for | left ^ .. concluding | left ^ .. wrapping | left ^ .. ending | leaving ^ .. for | departs | departed ^ | departed for | wraps up | wrapped up | wrapping up | concludes .. visit | concluded .. visit | concluding .. visit | ends .. visit | ended .. visit | wraps up .. visit | wrapped up .. visit | see off | saw off | seen off
depart fr: quitte ^ | quitté ^ | quittent ^ | part pour | partent pour | parti pour | termine .. visite | terminé .. visite | terminent .. visite | fin de * visite | achève .. visite | achevé .. visite | conclut .. visite | conclu .. visite
depart vi: rời ^ | rời sân bay | rời thủ đô | lên đường | kết thúc * chuyến thăm | kết thúc chuyến thăm | kết thúc tốt đẹp chuyến | tiễn
depart de: verließ ^ | verlässt ^ | verabschiedet | abreise | beendete * besuch | beendet * besuch

welcome en: welcome ceremony | welcoming ceremony | welcome ceremonies | ceremonial welcome | official welcome
welcome fr: cérémonie d accueil | accueil officiel | cérémonie officielle d accueil
welcome vi: lễ đón | đón chính thức
welcome de: begrüßungszeremonie | empfangszeremonie | militärischen ehren

talks en: holds talks | held talks | hold talks | holding talks | have talks | had talks | has talks | talks with | talks between
talks fr: entretien avec le président | entretien avec la présidente | entretien avec le premier ministre | entretien avec le secrétaire | entretien avec son homologue | s entretient | s entretiennent | s est entretenu | s est entretenue | se sont entretenus | se sont entretenues | entretiens officiels | entretien officiel
talks vi: hội đàm
talks de: gespräche mit | führte gespräche | führten gespräche

press en: press conference | joint press | meet the press | meets the press | met the press | met with the press | press briefing
press fr: rencontrent la presse | rencontré la presse | conférence de presse | point de presse
press vi: gặp gỡ báo chí | họp báo
press de: pressekonferenz

meet en: meets with | met with | meeting with | during their meeting | during a meeting with | meets ^ | met ^ | receives ^ | received ^ | receiving ^ | receives visiting | received visiting | hosted a reception | hosts a reception | hosted * reception | gave a reception | gives a reception | reception for | courtesy call | courtesy visit | calls on ^ | called on ^ | paid a call | pays a call
meet fr: lors de leur rencontre | lors d une rencontre avec | reçoit ^ | reçu ^ | reçoivent ^ | a reçu | reçoit le | reçoit la | reçoit les | rencontre ^ | rencontré ^ | rencontrent ^ | une entrevue | visite de courtoisie
meet vi: hội kiến | tiếp ^ | tiếp xã giao | chào xã giao | gặp gỡ ^ | gặp mặt | có cuộc gặp | gặp thủ tướng | gặp tổng thống | gặp chủ tịch | gặp bộ trưởng | gặp tổng bí thư | gặp lãnh đạo | tiếp đoàn | tiếp bộ trưởng | tiếp thủ tướng | tiếp chủ tịch | tiếp tổng thống | tiếp đại sứ | tiếp phó | tiếp ông | tiếp bà
meet de: traf sich mit | empfing ^ | empfängt ^

banquet en: banquet | state dinner | official dinner | gala dinner
banquet fr: banquet | dîner d état | dîner officiel
banquet vi: chiêu đãi | quốc yến
banquet de: staatsbankett | bankett

opening en: opening ceremony | opening session | opening sitting | opening meeting | opening speech | opening address | opening of the | opens the | officially opens | officially opened | officially open | kicks off | kicked off | inaugurates | inaugurated | inaugural session
opening fr: ouverture | cérémonie d ouverture | séance d ouverture | discours d ouverture | s ouvre | s est ouvert | s est ouverte | inaugure | inauguré
opening vi: khai mạc
opening de: eröffnung | eröffnete | eröffnet

closing en: closing ceremony | closing session | closes the | officially closes | officially closed | closing of the | hands over * chairmanship | handed over * chairmanship | hands over the | concluded the summit | concludes the summit
closing fr: clôture | clôturé | clôturée | se clôt | séance de clôture | cérémonie de clôture
closing vi: bế mạc | trao búa | chuyển giao vai trò chủ tịch
closing de: abschlusszeremonie | abschlusssitzung

phone en: phone call | phone talks | phone conversation | telephone conversation | telephone call | telephone talks | online talks | online meeting | video call | video conference | videoconference | held a video | virtual meeting | virtual summit | talked by phone | spoke by phone with | spoke on the phone with
phone fr: entretien téléphonique | conversation téléphonique | appel téléphonique | échange téléphonique | entretien en ligne | visioconférence
phone vi: điện đàm | hội đàm trực tuyến | trực tuyến | gọi điện
phone de: telefonat | telefonierte | videokonferenz

session en: retreat session | retreat | plenary session | closed session | working session | plenary
session fr: session restreinte | séance restreinte | retraite | séance plénière | session plénière
session vi: phiên hẹp | phiên toàn thể | phiên họp hẹp | phiên họp toàn thể
session de: plenarsitzung | klausurtagung

wreath en: wreath | wreaths | mausoleum | pays tribute | paid tribute | paying tribute | lays flowers | laid flowers
wreath fr: gerbe | gerbes | mausolée | rend hommage | rendu hommage | dépose * fleurs
wreath vi: vòng hoa | viếng lăng | vào lăng | dâng hương | dâng hoa
wreath de: kranz | kranzniederlegung | mausoleum

attend en: joined leaders | joins leaders | join leaders | attended a | attends a | attending a | took part in | takes part in | attended the | attends the | attend the | attending the | participated in | participates in
attend fr: participe au | participe à | a participé | participé au | assisté à | assiste à | prend part | pris part
attend vi: tham dự | dự hội nghị | dự lễ | dự phiên
attend de: nahm an | nahmen an | teilnahme

compatible: welcome talks
compatible: talks press
compatible: welcome opening
general: attend
with: talks meet phone press

office en: president | presidents | minister | ministers | secretary | chairman | chairwoman | premier | chancellor | king | queen | prince | princess | ambassador | governor | mayor | speaker | counterpart | sultan | emperor | pm
office fr: président | présidente | présidents | ministre | ministres | secrétaire | roi | reine | chancelier | chancelière | ambassadeur | ambassadrice | homologue
office vi: tịch | tướng | thư | thống | trưởng | sứ | vương | vua
body en: party | assembly | committee | council | ministry | government | republic | union | nations | office | affairs | commission | court | bank | forces
body fr: parti | assemblée | comité | conseil | ministère | gouvernement | république | bureau | cour | banque | union | nations | commission
body-first vi: đảng | quốc | chính | nhà | trung | ban | bộ | ủy | hội | liên | việt | mặt | tòa | viện | thành | tỉnh | cộng
place en: in | at | on | to | from | for
place fr: à | au | aux | en | dans | pour
place vi: tại | ở | tới | đến | sang
)";

}  // namespace crossdup
