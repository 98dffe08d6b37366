// Where a report's action took place: the countries its title and opening put things in ("in
// Hanoi", "à Paris", "tại Hà Nội", "visit to the Russian Federation", "thăm chính thức Liên
// bang Nga") and that of its dateline ("PARIS —", "MOSCOW, Jan 14"). Reports of one
// visit all happen in its host country, so this never splits one trip; it splits the two
// reciprocal visits of the same two leaders, in Hanoi in January and in Moscow in May, whose
// names, participants and topics are the same.
//
// The gazetteer below is written for this project: one line per country, its names and those
// of its capital and main cities in English, French and Vietnamese (any other language may be
// added on the same line):
//
//   CODE: name | name | ...
//
// Names are matched word by word (Vietnamese by syllable), accents and case aside ("Ha Noi",
// "Hà Nội", "HÀ NỘI"). A place is read only after a word that puts something somewhere (the
// `kVenueMarkers` below), and only when the name is the whole of the capitalised run there:
// "tại Mỹ Đình" (a stadium in Hanoi) is not the United States. Words that often stand between
// the marker and the name ("the", "capital", "thủ đô", "chính thức", "Cộng hòa") are passed over.
// Names shared by two places (Georgia) or common as words ("US" in "US dollars") are left out:
// a place read wrongly splits an event, one not read changes nothing.
#include <algorithm>
#include <sstream>
#include <unordered_map>

#include "crossdup/error.h"
#include "crossdup/happening.h"
#include "word_list.h"

namespace crossdup {

namespace {

const char* const kPlaces = R"(
VN: Vietnam | Viet Nam | Việt Nam | Hanoi | Ha Noi | Hà Nội | Ho Chi Minh City | Thành phố Hồ Chí Minh | TP Hồ Chí Minh | TPHCM | Hô Chi Minh-Ville | Saigon | Sài Gòn | Da Nang | Đà Nẵng | Hai Phong | Hải Phòng | Hue | Huế | Can Tho | Cần Thơ | Ha Long | Hạ Long | Quang Ninh | Quảng Ninh | Nha Trang | Khanh Hoa | Khánh Hòa | Phu Quoc | Phú Quốc
FR: France | Pháp | Cộng hòa Pháp | Paris | Pa-ri | Marseille | Lyon | Bordeaux | Strasbourg | Toulouse
RU: Russia | Russian Federation | Russie | Fédération de Russie | Nga | Liên bang Nga | LB Nga | Moscow | Moscou | Moskva | Mát-xcơ-va | Matxcơva | Saint Petersburg | St Petersburg | Saint-Pétersbourg | Kazan | Vladivostok | Sochi
CN: China | Chine | Trung Quốc | Beijing | Pékin | Bắc Kinh | Shanghai | Thượng Hải | Guangzhou | Quảng Châu | Nanning | Nam Ninh | Kunming | Côn Minh | Shenzhen | Thâm Quyến | Tianjin | Thiên Tân
JP: Japan | Japon | Nhật Bản | Tokyo | Osaka | Kyoto | Hiroshima | Nagoya
KR: South Korea | Republic of Korea | Korea | Corée du Sud | Hàn Quốc | Seoul | Busan | Gyeongju
KP: North Korea | DPRK | Corée du Nord | Triều Tiên | Pyongyang | Bình Nhưỡng
US: United States | USA | America | États-Unis | Hoa Kỳ | Mỹ | Washington | New York | San Francisco | Los Angeles | Chicago | Houston | Boston | Seattle
GB: United Kingdom | UK | Britain | Great Britain | England | Royaume-Uni | Angleterre | Vương quốc Anh | Anh | London | Londres | Luân Đôn | Manchester | Edinburgh
DE: Germany | Allemagne | Đức | Berlin | Munich | München | Frankfurt | Francfort | Hamburg | Hambourg
IT: Italy | Italie | Italia | Ý | Rome | Roma | Milan | Milano
ES: Spain | Espagne | Tây Ban Nha | Madrid | Barcelona | Barcelone
PT: Portugal | Bồ Đào Nha | Lisbon | Lisbonne | Lisboa
NL: Netherlands | Pays-Bas | Hà Lan | Amsterdam | The Hague | La Haye | Rotterdam
BE: Belgium | Belgique | Bỉ | Brussels | Bruxelles
CH: Switzerland | Suisse | Thụy Sĩ | Geneva | Genève | Bern | Berne | Zurich | Davos
AT: Austria | Autriche | Áo | Vienna | Vienne
PL: Poland | Pologne | Ba Lan | Warsaw | Varsovie
CZ: Czech Republic | Czechia | République tchèque | Tchéquie | Séc | Prague | Praha
HU: Hungary | Hongrie | Budapest
GR: Greece | Grèce | Hy Lạp | Athens | Athènes
SE: Sweden | Suède | Thụy Điển | Stockholm
NO: Norway | Norvège | Na Uy | Oslo
FI: Finland | Finlande | Phần Lan | Helsinki
DK: Denmark | Danemark | Đan Mạch | Copenhagen | Copenhague
IE: Ireland | Irlande | Dublin
UA: Ukraine | Kyiv | Kiev
BY: Belarus | Biélorussie | Minsk
TR: Turkey | Türkiye | Turquie | Thổ Nhĩ Kỳ | Ankara | Istanbul
AZ: Azerbaijan | Azerbaïdjan | Baku | Bakou
KZ: Kazakhstan | Astana
UZ: Uzbekistan | Ouzbékistan | Tashkent | Tachkent | Samarkand
MN: Mongolia | Mongolie | Mông Cổ | Ulaanbaatar | Ulan Bator | Oulan-Bator
IN: India | Inde | Ấn Độ | New Delhi | Mumbai
PK: Pakistan | Islamabad
BD: Bangladesh | Dhaka
LK: Sri Lanka | Colombo
LA: Laos | Lào | Vientiane | Viêng Chăn | Luang Prabang
KH: Cambodia | Cambodge | Campuchia | Phnom Penh | Siem Reap
TH: Thailand | Thaïlande | Thái Lan | Bangkok | Băng Cốc
MY: Malaysia | Malaisie | Kuala Lumpur | Putrajaya | Penang
SG: Singapore | Singapour
ID: Indonesia | Indonésie | Jakarta | Bali | Labuan Bajo | Bandung
PH: Philippines | Manila | Manille
MM: Myanmar | Birmanie | Naypyidaw | Nay Pyi Taw | Yangon
BN: Brunei | Bandar Seri Begawan
TL: Timor-Leste | East Timor | Dili
AU: Australia | Australie | Úc | Canberra | Sydney | Melbourne
NZ: New Zealand | Nouvelle-Zélande | Niu Di-lân | Wellington | Auckland
CA: Canada | Ottawa | Toronto | Montreal | Montréal | Vancouver
MX: Mexico | Mexique | Mexico City
BR: Brazil | Brésil | Brasil | Brasilia | Brasília | Rio de Janeiro | São Paulo
AR: Argentina | Argentine | Buenos Aires
CL: Chile | Chili | Santiago
PE: Peru | Pérou | Lima
CU: Cuba | Havana | La Havane | La Habana
EG: Egypt | Égypte | Ai Cập | Cairo | Le Caire | Sharm el-Sheikh
ZA: South Africa | Afrique du Sud | Nam Phi | Pretoria | Johannesburg | Cape Town
ET: Ethiopia | Éthiopie | Addis Ababa | Addis-Abeba
MA: Morocco | Maroc | Rabat
DZ: Algeria | Algérie | Algiers | Alger
SA: Saudi Arabia | Arabie saoudite | Ả Rập Xê Út | Riyadh | Riyad
AE: United Arab Emirates | UAE | Émirats arabes unis | Dubai | Dubaï | Abu Dhabi
QA: Qatar | Doha
IR: Iran | Tehran | Téhéran
IL: Israel | Israël | Jerusalem | Jérusalem | Tel Aviv
)";

// Words after which a capitalised name is where something happened: en, fr, vi. English "to"
// only after a journey ("visit to", "trip to"): "a message to France" puts nothing there.
const char* const kVenueMarkers[] = {"in", "at", "à", "en", "au", "aux", "tại", "ở", "thăm", "sang", "tới", "đến"};
// "from X to Y" ("de la Malaisie aux Philippines", "từ Malaysia sang Philippines"): a handover or
// a journey between the two, which took place in both.
const char* const kFromMarkers[] = {"from", "de", "du", "des", "d", "từ"};
const char* const kToMarkers[] = {"to", "à", "au", "aux", "sang", "cho", "tới", "đến"};
const char* const kJourneys[] = {"visit", "visits", "trip", "trips", "tour", "journey", "voyage"};
// Words between a marker and the name: "in the capital Hanoi", "tại Thủ đô Hà Nội", "thăm chính
// thức Cộng hòa Pháp", "visite d'État en France" (the marker is "en").
const char* const kPassedOver[] = {"the",  "la",   "le",   "l",    "les",  "capital", "city", "of",   "thủ", "đô",
                                   "chính", "thức", "cấp", "nhà", "nước", "làm",     "việc", "hữu", "nghị", "cộng",
                                   "hòa",  "hoà",  "republic", "république", "state", "official"};
constexpr size_t kMaxPassedOver = 4;
constexpr size_t kMaxNameWords = 5;

std::string trim(std::string_view s) { return std::string(trim_blanks(s)); }

void add_once(uint8_t country, std::vector<uint8_t>& out) {
  if (country && std::find(out.begin(), out.end(), country) == out.end()) out.push_back(country);
}

// A name's key: its words accent-stripped, joined by single spaces.
std::string key_of(const std::vector<Token>& t, size_t begin, size_t end) {
  std::string key;
  for (size_t k = begin; k < end; ++k) {
    if (k > begin) key += ' ';
    key += strip_accents(t[k].text);
  }
  return key;
}

}  // namespace

Gazetteer Gazetteer::parse(std::string_view text) {
  Gazetteer g;
  g.countries_.push_back("");  // id 0: no place
  std::istringstream in{std::string(text)};
  size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    line = trim(line);
    if (line.empty()) continue;
    const auto colon = line.find(':');
    const std::string code = colon == std::string::npos ? "" : trim(line.substr(0, colon));
    if (code.empty() || code.find(' ') != std::string::npos)
      throw InputError("gazetteer line " + std::to_string(number) + ": expected 'CODE: name | name ...'");
    if (g.countries_.size() > 255) throw InputError("gazetteer: more than 255 countries");
    const auto id = static_cast<uint8_t>(g.countries_.size());
    g.countries_.push_back(code);
    std::istringstream names(line.substr(colon + 1));
    for (std::string name; std::getline(names, name, '|');) {
      const auto tokens = tokenise(name);
      if (tokens.empty() || tokens.size() > kMaxNameWords)
        throw InputError("gazetteer line " + std::to_string(number) + ": a name of 1 to " +
                         std::to_string(kMaxNameWords) + " words, got '" + trim(name) + "'");
      const std::string key = key_of(tokens, 0, tokens.size());
      auto [at, added] = g.country_of_.emplace(key, id);
      if (!added && at->second != id)
        throw InputError("gazetteer line " + std::to_string(number) + ": '" + trim(name) + "' is already " +
                         g.countries_[at->second]);
    }
  }
  return g;
}

const Gazetteer& Gazetteer::built_in() {
  static const Gazetteer gazetteer = parse(kPlaces);
  return gazetteer;
}

Gazetteer::Match Gazetteer::name_at(const std::vector<Token>& t, size_t at) const {
  if (at >= t.size() || !t[at].capitalised) return {};
  for (size_t words = std::min(kMaxNameWords, t.size() - at); words > 0; --words) {
    const size_t end = at + words;
    // The whole capitalised run: "Mỹ Đình" is not "Mỹ".
    if (end < t.size() && t[end].capitalised && written_together(t[end - 1], t[end])) continue;
    auto it = country_of_.find(key_of(t, at, end));
    if (it != country_of_.end()) return {it->second, end};
  }
  return {};
}

Gazetteer::Match Gazetteer::name_after(const std::vector<Token>& t, size_t marker) const {
  size_t at = marker + 1;
  for (size_t passed = 0; passed < kMaxPassedOver && at < t.size() && one_of(kPassedOver, t[at].text); ++passed) ++at;
  return name_at(t, at);
}

void Gazetteer::venues(const std::vector<Token>& t, std::vector<uint8_t>& out) const {
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    const std::string& w = t[i].text;
    if (one_of(kVenueMarkers, w) || (w == "to" && i > 0 && one_of(kJourneys, t[i - 1].text))) {
      add_once(name_after(t, i).country, out);
    } else if (one_of(kFromMarkers, w)) {
      // "the chairmanship passed from Malaysia to the Philippines": both are where it happened.
      const Match from = name_after(t, i);
      if (from.country && from.end < t.size() && one_of(kToMarkers, t[from.end].text) &&
          name_after(t, from.end).country)
        add_once(from.country, out);
    }
  }
}

void Gazetteer::dateline(std::string_view text, const std::vector<Token>& t, std::vector<uint8_t>& out) const {
  add_once(dateline_country(text, t), out);
}

uint8_t Gazetteer::dateline_country(std::string_view text, const std::vector<Token>& t) const {
  if (t.empty() || (t[0].offset > 4 && !t[0].sentence_start)) return 0;
  for (size_t words = std::min(kMaxNameWords, t.size()); words > 0; --words) {
    auto it = country_of_.find(key_of(t, 0, words));
    if (it == country_of_.end()) continue;
    size_t after = t[words - 1].offset + t[words - 1].text.size();
    while (after < text.size() && text[after] == ' ') ++after;
    if (after >= text.size()) return 0;
    const std::string_view rest = text.substr(after);
    const bool dash = rest.rfind("\xE2\x80\x94", 0) == 0 || rest.rfind("\xE2\x80\x93", 0) == 0 || rest[0] == '-';
    const bool comma_or_agency = rest[0] == ',' || rest[0] == '(';
    return dash || comma_or_agency ? it->second : 0;
  }
  return 0;
}

bool venues_differ(const Happening& a, const Happening& b) {
  if (!a.venue_count || !b.venue_count || (!a.names_action() && !b.names_action())) return false;
  const auto a_end = a.venues.begin() + a.venue_count;
  for (uint8_t k = 0; k < b.venue_count; ++k)
    if (std::find(a.venues.begin(), a_end, b.venues[k]) != a_end) return false;
  return true;
}

}  // namespace crossdup
