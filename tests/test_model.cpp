#include <cstring>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "crossdup/model.h"

using namespace crossdup;
namespace fs = std::filesystem;

namespace {

fs::path temp_dir(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("crossdup-test-" + name + "-" + std::to_string(::getpid()));
  fs::create_directories(p);
  return p;
}

Model small_model() {
  Model m;
  for (const char* lang : {"en", "fr"}) {
    auto t = std::make_shared<DenseWordVectors>(4);
    float a[] = {1, 0, 0, 0}, b[] = {0, 2, 0, 0}, c[] = {0.5f, 0.5f, 0, -1};
    t->add(std::string(lang) == "en" ? "minister" : "ministre", a, 10);
    t->add("court", b, 3);
    t->add("zeta", c, 1);
    LanguageSpace s;
    s.code = lang;
    s.vectors = t;
    s.documents = 100;
    s.mean = {0.1f, 0.2f, 0.3f, 0.4f};
    m.add_language(s);
  }
  return m;
}

}  // namespace

TEST(Model, CompactFormatRoundTrips) {
  auto dir = temp_dir("roundtrip");
  auto path = (dir / "m.cdm").string();
  small_model().save(path);
  Model m = Model::load(path);
  EXPECT_EQ(m.dim(), 4);
  ASSERT_EQ(m.languages(), (std::vector<std::string>{"en", "fr"}));
  const auto* fr = m.language("fr");
  ASSERT_NE(fr, nullptr);
  EXPECT_EQ(fr->documents, 100u);
  EXPECT_EQ(fr->vectors->size(), 3);
  int64_t i = fr->vectors->find("zeta");
  ASSERT_GE(i, 0);
  EXPECT_EQ(fr->vectors->document_frequency(i), 1u);
  float v[4];
  fr->vectors->unit_vector(i, v);
  // int8 quantisation keeps direction to within a percent.
  const float expected[] = {0.5f / std::sqrt(1.5f), 0.5f / std::sqrt(1.5f), 0, -1 / std::sqrt(1.5f)};
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(v[k], expected[k], 0.01);
  EXPECT_EQ(fr->vectors->find("absent"), -1);
  EXPECT_NEAR(fr->mean[3], 0.4f, 1e-6);
  fs::remove_all(dir);
}

TEST(Model, LoadErrorsNameTheFileAndTheProblem) {
  auto dir = temp_dir("errors");
  auto good = (dir / "good.cdm").string();
  small_model().save(good);
  std::string bytes;
  {
    std::ifstream in(good, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto expect_error = [&](const std::string& name, const std::string& content, const std::string& fragment) {
    auto p = (dir / name).string();
    std::ofstream(p, std::ios::binary) << content;
    try {
      Model::load(p);
      FAIL() << name << " loaded";
    } catch (const ModelError& e) {
      EXPECT_NE(std::string(e.what()).find(p), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  };
  expect_error("truncated.cdm", bytes.substr(0, bytes.size() - 10), "truncated");
  expect_error("tiny.cdm", bytes.substr(0, 20), "truncated");
  std::string damaged = bytes;
  damaged[damaged.size() - 3] ^= 0x55;
  expect_error("damaged.cdm", damaged, "checksum");
  std::string wrong = bytes;
  wrong[0] = 'X';
  expect_error("wrong.cdm", wrong, "magic");
  EXPECT_THROW(Model::load((dir / "missing.cdm").string()), ModelError);

  // Damage behind a valid checksum (what fuzz_model found): a word count so large that
  // count * 4 wraps around, and a misaligned section. Both are errors, not crashes.
  auto with_field = [&](size_t at, uint64_t value) {
    std::string b = bytes;
    std::memcpy(&b[at], &value, 8);
    uint64_t h = 1469598103934665603ull;  // FNV-1a of every byte after the 64-byte header
    for (size_t i = 64; i < b.size(); ++i) h = (h ^ static_cast<uint8_t>(b[i])) * 1099511628211ull;
    std::memcpy(&b[32], &h, 8);
    return b;
  };
  const size_t first_entry = 64, words_at = first_entry + 8, doc_freq_offset_at = first_entry + 56;
  expect_error("huge_count.cdm", with_field(words_at, uint64_t{1} << 62), "section outside the file");
  uint64_t doc_freq_offset;
  std::memcpy(&doc_freq_offset, &bytes[doc_freq_offset_at], 8);
  expect_error("misaligned.cdm", with_field(doc_freq_offset_at, doc_freq_offset + 1), "misaligned section");
  fs::remove_all(dir);
}

TEST(Model, ReadsFastTextVecFilesAndChecksDimensions) {
  auto dir = temp_dir("vec");
  auto en = (dir / "en.vec").string(), fr = (dir / "fr.vec").string(), bad = (dir / "bad.vec").string();
  std::ofstream(en) << "2 3\nminister 1 0 0\ncourt 0 1 0\n";
  std::ofstream(fr) << "1 2\nministre 1 0\n";
  std::ofstream(bad) << "1 3\nministre 1 0\n";
  Model m = Model::from_files({{"en", en}});
  EXPECT_EQ(m.dim(), 3);
  EXPECT_EQ(m.language("en")->vectors->find("court"), 1);
  EXPECT_THROW(Model::from_files({{"en", en}, {"fr", fr}}), ModelError);  // 3 vs 2
  EXPECT_THROW(Model::from_files({{"fr", bad}}), ModelError);             // too few numbers
  fs::remove_all(dir);
}

TEST(Model, VecFilesWithNonFiniteNumbersOrAWrongCountAreRefusedNamingTheLine) {
  auto dir = temp_dir("vec-bad");
  auto expect_refused = [&](const std::string& name, const std::string& content, const std::string& says) {
    auto path = (dir / name).string();
    std::ofstream(path) << content;
    try {
      load_vec_file(path);
      ADD_FAILURE() << name << " was accepted";
    } catch (const ModelError& e) {
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    }
  };
  expect_refused("nan.vec", "2 3\nminister 1 0 0\ncourt 0 nan 0\n",
                 "line 3: number 2 of 'court' is not a finite number");
  expect_refused("inf.vec", "1 3\nminister 1 -inf 0\n", "line 2: number 2 of 'minister'");
  expect_refused("huge.vec", "1 3\nminister 1e39 0 0\n", "not a finite number (1e39)");
  expect_refused("short.vec", "3 3\nminister 1 0 0\ncourt 0 1 0\n", "the header says 3 words, the file holds 2");
  // A repeated word is kept once (the first vector) with a warning, not refused.
  auto repeated = (dir / "repeated.vec").string();
  std::ofstream(repeated) << "3 3\nminister 1 0 0\ncourt 0 1 0\nminister 0 0 1\n";
  auto table = load_vec_file(repeated);
  EXPECT_EQ(table->size(), 2);
  fs::remove_all(dir);
}

TEST(Model, ConceptTablesRoundTripAndLoadBesideTheModel) {
  auto dir = temp_dir("concepts");
  auto path = (dir / "m.cdm").string();
  small_model().save(path);
  Model m = Model::load(path);
  EXPECT_EQ(m.language("fr")->concepts, nullptr) << "no table beside the model yet";
  const auto& en = *m.language("en")->vectors;
  const auto& fr = *m.language("fr")->vectors;
  std::vector<WordConcept> table(static_cast<size_t>(fr.size()));
  table[static_cast<size_t>(fr.find("ministre"))] = {static_cast<int32_t>(en.find("minister")), 0.75f, true};
  table[static_cast<size_t>(fr.find("zeta"))] = {static_cast<int32_t>(en.find("court")), 0.5f, false};
  m.set_concepts("fr", std::make_shared<const std::vector<WordConcept>>(table));
  EXPECT_EQ(Model::concepts_path(path), (dir / "m.concepts").string());
  m.save_concepts(Model::concepts_path(path));

  Model again = Model::load(path);  // finds m.concepts by itself
  ASSERT_NE(again.language("fr")->concepts, nullptr);
  EXPECT_EQ(again.language("en")->concepts, nullptr) << "English words are their own concept";
  const auto& loaded = *again.language("fr")->concepts;
  ASSERT_EQ(loaded.size(), table.size());
  for (size_t w = 0; w < table.size(); ++w) {
    EXPECT_EQ(loaded[w].english, table[w].english) << w;
    EXPECT_EQ(loaded[w].from_dictionary, table[w].from_dictionary) << w;
    EXPECT_NEAR(loaded[w].cosine, table[w].cosine, 1e-3f) << w;
  }
  fs::remove_all(dir);
}

TEST(Model, ConceptTableErrorsNameTheLineAndUnknownWordsAreSkipped) {
  auto dir = temp_dir("concept-errors");
  auto path = (dir / "t.concepts").string();
  auto load = [&](const std::string& text) {
    std::ofstream(path) << text;
    Model m = small_model();
    m.load_concepts(path);
    return m;
  };
  Model m = load(
      "# comment\nfr\tministre\tminister\tdictionary\t0.9\nfr\tinconnu\tminister\tvectors\t0.9\n"
      "de\tMinister\tminister\tdictionary\t1\n");
  ASSERT_NE(m.language("fr")->concepts, nullptr);
  EXPECT_EQ((*m.language("fr")->concepts)[0].english, 0);
  EXPECT_EQ((*m.language("fr")->concepts)[2].english, -1) << "zeta is not listed";
  auto expect_error = [&](const std::string& text, const std::string& fragment) {
    try {
      load(text);
      FAIL() << text << " loaded";
    } catch (const ModelError& e) {
      EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  };
  expect_error("fr\tministre\tminister\tdictionary\t0.9\nfr\tcourt\tcourt\n", "line 2: expected 5");
  expect_error("fr\tcourt\tcourt\tguess\t0.5\n", "line 1: source must be dictionary or vectors");
  expect_error("# header\nfr\tcourt\tcourt\tvectors\thigh\n", "line 2: cosine 'high'");
  fs::remove_all(dir);
}

TEST(Model, NameAliasesRoundTripLoadBesideTheModelAndNameBadLines) {
  auto dir = temp_dir("names");
  auto path = (dir / "m.cdm").string();
  small_model().save(path);
  EXPECT_EQ(Model::load(path).name_aliases(), nullptr) << "no aliases beside the model yet";
  NameAliases names;
  names.add("fr", "allemagne", "germany");
  names.add("vi", "duc", "germany");
  names.add("fr", "liban", "lebanon");
  names.add("fr", "liban", "libya");  // one key, two places: ambiguous, dropped
  EXPECT_EQ(names.size(), 2u);
  EXPECT_EQ(Model::names_path(path), (dir / "m.names").string());
  names.save(Model::names_path(path));

  Model m = Model::load(path);
  ASSERT_NE(m.name_aliases(), nullptr);
  const NameAliases& loaded = *m.name_aliases();
  ASSERT_NE(loaded.english_key("fr", "allemagne"), nullptr);
  EXPECT_EQ(*loaded.english_key("fr", "allemagne"), "germany");
  EXPECT_EQ(*loaded.english_key("vi", "duc"), "germany");
  EXPECT_EQ(loaded.english_key("fr", "duc"), nullptr) << "aliases belong to their language";
  EXPECT_EQ(loaded.english_key("fr", "liban"), nullptr);

  std::ofstream(Model::names_path(path)) << "# header\nfr\tchine\tchina\nvi\tphap\n";
  try {
    Model::load(path);
    FAIL() << "a line without its English key loaded";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find(Model::names_path(path)), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}
