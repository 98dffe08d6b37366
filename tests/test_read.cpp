#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "crossdup/error.h"
#include "crossdup/read.h"

using namespace crossdup;
namespace fs = std::filesystem;

namespace {

const Reject* reject_at(const ReadResult& r, size_t line) {
  for (auto& rej : r.rejects)
    if (rej.origin.line == line) return &rej;
  return nullptr;
}

}  // namespace

TEST(Read, EveryRecordIsAnArticleOrARejectWithItsReason) {
  std::stringstream in;
  in << R"({"id": "a1", "lang": "EN", "date": "2025-03-24", "title": "Talks in Hanoi", "text": "The ministers met.", "source": "x", "section": "world"})"
     << "\n"
     << R"({"id": 7, "text": "<p>Les ministres se sont rencontrés.</p>", "date": "sometime"})"
     << "\n"
     << "\n"  // blank: not a record
     << R"({"id": "a3", "text": "broken)"
     << "\n"  // line 4: bad JSON
     << R"({"text": "no id here"})"
     << "\n"  // line 5
     << R"({"id": "a6"})"
     << "\n"  // line 6
     << R"({"id": "a7", "text": "   <br/>  "})"
     << "\n"  // line 7: empty after cleaning
     << R"({"id": "a1", "text": "again"})"
     << "\n"  // line 8: duplicate
     << "{\"id\": \"a9\", \"text\": \"bad \xC3\x28 byte\"}"
     << "\n"  // line 9: invalid UTF-8
     << R"(["not", "an", "object"])"
     << "\n"  // line 10
     << R"({"id": {"x": 1}, "text": "odd id"})"
     << "\n"       // line 11
     << "8e993\n"  // line 12: found by fuzzing
     << R"({"id": "n", "text": "a number too large", "x": 1e999})"
     << "\n";  // line 13
  ReadResult r;
  read_jsonl(in, "feed.jsonl", Options{}, r);
  EXPECT_EQ(r.records_read, 12u);
  EXPECT_EQ(r.articles.size() + r.rejects.size(), r.records_read);
  ASSERT_EQ(r.articles.size(), 2u);

  const Article& a = r.articles[0];
  EXPECT_EQ(a.id, "a1");
  EXPECT_EQ(a.lang, "en");
  EXPECT_EQ(format_date(*a.date), "2025-03-24");
  EXPECT_EQ(a.extra["section"], "world");
  const Article& b = r.articles[1];
  EXPECT_EQ(b.id, "7");
  EXPECT_FALSE(b.date);  // unreadable date: unknown, not a reject
  EXPECT_EQ(b.text.find('<'), std::string::npos);
  EXPECT_EQ(b.origin.line, 2u);

  auto reason = [&](size_t line) { return reject_at(r, line) ? reject_at(r, line)->reason : std::string("(none)"); };
  EXPECT_NE(reason(4).find("invalid JSON"), std::string::npos);
  EXPECT_EQ(reason(5), "missing id");
  EXPECT_EQ(reason(6), "missing text");
  EXPECT_EQ(reason(7), "empty text after cleaning");
  EXPECT_NE(reason(8).find("duplicate id (first seen at feed.jsonl:1)"), std::string::npos);
  EXPECT_EQ(reject_at(r, 8)->id, "a1");
  EXPECT_EQ(reason(9), "invalid UTF-8");
  EXPECT_EQ(reason(10), "not a JSON object");
  EXPECT_EQ(reason(11), "id is not a string or integer (object)");
  EXPECT_NE(reason(12).find("invalid JSON"), std::string::npos) << reason(12);
  EXPECT_NE(reason(13).find("invalid JSON"), std::string::npos) << reason(13);
  for (auto& rej : r.rejects) EXPECT_EQ(rej.origin.input, "feed.jsonl");
}

TEST(Read, LongArticlesAreTruncatedNotRejected) {
  std::stringstream in;
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "Việt ";
  in << R"({"id": "long", "text": ")" << text << "\"}\n";
  Options o;
  o.max_article_bytes = 1000;
  ReadResult r;
  read_jsonl(in, "-", o, r);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_TRUE(r.articles[0].truncated);
  EXPECT_LE(r.articles[0].text.size(), 1000u);
  EXPECT_TRUE(is_valid_utf8(r.articles[0].text));
}

TEST(Read, RecordsPastTheBatchLimitAreRejectedWithTheReason) {
  std::stringstream in;
  for (int i = 0; i < 5; ++i) in << R"({"id": "a)" << i << R"(", "text": "Storm number )" << i << "\"}\n";
  in << "not json\n";
  Options o;
  o.max_batch_articles = 3;
  ReadResult r;
  read_jsonl(in, "feed.jsonl", o, r);
  ASSERT_EQ(r.articles.size(), 3u);
  EXPECT_EQ(r.articles.back().id, "a2") << "the first records are kept, in input order";
  ASSERT_EQ(r.rejects.size(), 3u);
  EXPECT_EQ(r.records_read, 6u) << "every record is accounted for";
  EXPECT_EQ(r.rejects[0].id, "a3");
  EXPECT_EQ(r.rejects[0].origin.line, 4u);
  EXPECT_NE(r.rejects[0].reason.find("batch limit of 3 articles"), std::string::npos) << r.rejects[0].reason;
  EXPECT_NE(r.rejects[2].reason.find("invalid JSON"), std::string::npos) << "a bad record keeps its own reason";
}

TEST(Read, TextFoldersUseFileNamesDateLinesAndDatesInText) {
  fs::path dir = fs::temp_directory_path() / ("crossdup-read-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "b_dated.txt") << " date 2025-03-24 The court met the visitor in Hanoi on Monday.\n\nMore text.";
  std::ofstream(dir / "a_title.txt") << "Hai bộ trưởng ký kết hợp tác\n\n28/10/2020\nHà Nội - Hai bên đã ký.";
  std::ofstream(dir / "c_empty.txt") << "   \n";
  std::ofstream(dir / "notes.md") << "ignored";
  ReadResult r = read_inputs({dir.string()}, Options{});
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].id, "a_title.txt");  // sorted by name
  EXPECT_EQ(r.articles[0].title, "Hai bộ trưởng ký kết hợp tác");
  EXPECT_EQ(format_date(*r.articles[0].date), "2020-10-28");
  EXPECT_EQ(r.articles[0].date_source, "text");
  EXPECT_EQ(r.articles[1].id, "b_dated.txt");
  EXPECT_EQ(format_date(*r.articles[1].date), "2025-03-24");
  EXPECT_EQ(r.articles[1].date_source, "first line");
  EXPECT_EQ(r.articles[1].text.rfind("The court met", 0), 0u);
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].id, "c_empty.txt");
  EXPECT_THROW(read_inputs({(dir / "missing.jsonl").string()}, Options{}), InputError);
  fs::remove_all(dir);
}

TEST(Read, FoldersAreReadWithTheirSubfoldersAndJsonlFiles) {
  // A feed archive: one folder per day, text files named in capitals by one outlet, and a JSONL
  // export beside them. Nothing in it may be skipped without a word.
  fs::path dir = fs::temp_directory_path() / ("crossdup-tree-" + std::to_string(::getpid()));
  fs::create_directories(dir / "2025-05-12");
  std::ofstream(dir / "2025-05-12" / "rail.txt") << "Vietnam and France signed a rail agreement.";
  std::ofstream(dir / "2025-05-12" / "STORM.TXT") << "A storm reached the coast.";
  std::ofstream(dir / "top.txt") << "The court met the visitor.";
  std::ofstream(dir / "export.jsonl") << R"({"id": "j1", "text": "Le tribunal a reçu le visiteur."})"
                                      << "\n";
  std::ofstream(dir / "notes.md") << "not an article";
  ReadResult r = read_inputs({dir.string()}, Options{});
  std::vector<std::string> ids;
  for (const auto& a : r.articles) ids.push_back(a.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"2025-05-12/STORM.TXT", "2025-05-12/rail.txt", "j1", "top.txt"}))
      << "sorted by path; a text file's id is its path below the folder";
  EXPECT_TRUE(r.rejects.empty());
  EXPECT_EQ(r.records_read, 4u) << "notes.md is skipped (and logged), not an article";
  fs::remove_all(dir);
}

TEST(Read, DeeplyNestedRecordsAreRejectedNotACrash) {
  auto nested = [](size_t levels) {
    std::string open, close;
    for (size_t i = 0; i < levels; ++i) open += "{\"a\":", close += "}";
    return open + "1" + close;
  };
  std::stringstream in;
  in << R"({"id": "ok", "text": "Kept.", "meta": )" << nested(200) << "}\n"
     << R"({"id": "deep", "text": "Too deep.", "meta": )" << nested(300) << "}\n"
     << R"({"id": "very-deep", "text": "Far too deep.", "meta": )" << nested(100000) << "}\n"
     << R"({"id": "brackets", "text": "[[[[ {{{{ in a string do not count )" << std::string(1000, '[') << R"("})"
     << "\n";
  ReadResult r;
  read_jsonl(in, "feed.jsonl", Options{}, r);
  EXPECT_EQ(r.records_read, 4u);
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].id, "ok");
  EXPECT_EQ(r.articles[1].id, "brackets");
  ASSERT_EQ(r.rejects.size(), 2u);
  for (const auto& rej : r.rejects)
    EXPECT_NE(rej.reason.find("nested deeper than 256 levels"), std::string::npos) << rej.reason;
  EXPECT_EQ(r.rejects[1].origin.line, 3u);
}

TEST(Read, NullAndEmptyIdsSaySo) {
  std::stringstream in;
  in << R"({"id": null, "text": "x"})"
     << "\n"
     << R"({"id": "", "text": "x"})"
     << "\n"
     << R"({"id": true, "text": "x"})"
     << "\n";
  ReadResult r;
  read_jsonl(in, "feed.jsonl", Options{}, r);
  ASSERT_EQ(r.rejects.size(), 3u);
  EXPECT_EQ(r.rejects[0].reason, "id is null");
  EXPECT_EQ(r.rejects[1].reason, "id is empty");
  EXPECT_EQ(r.rejects[2].reason, "id is not a string or integer (boolean)");
}

TEST(Read, AKeyGivenTwiceRejectsTheRecord) {
  std::stringstream in;
  in << R"({"id": "a", "text": "First.", "id": "b"})"
     << "\n"
     << R"({"id": "c", "text": "One.", "text": "Two."})"
     << "\n"
     << R"({"id": "d", "text": "Nested keys may repeat across objects.", "x": {"k": 1}, "y": {"k": 2}})"
     << "\n";
  ReadResult r;
  read_jsonl(in, "feed.jsonl", Options{}, r);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].id, "d");
  ASSERT_EQ(r.rejects.size(), 2u);
  EXPECT_NE(r.rejects[0].reason.find("key 'id' appears twice"), std::string::npos) << r.rejects[0].reason;
  EXPECT_NE(r.rejects[1].reason.find("key 'text' appears twice"), std::string::npos) << r.rejects[1].reason;
  EXPECT_EQ(r.rejects[1].id, "c");
}

TEST(Read, Utf16FilesAreNamedAsSuchAndAUtf8ByteOrderMarkIsSkipped) {
  auto dir = fs::temp_directory_path() / ("crossdup-utf16-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string line = R"({"id": "a", "text": "Hello."})";
  std::string utf16 = "\xFF\xFE";
  for (char c : line + "\n") utf16 += std::string{c, '\0'};
  std::ofstream(dir / "feed16.jsonl", std::ios::binary) << utf16;
  std::ofstream(dir / "note16.txt", std::ios::binary) << utf16;
  std::ofstream(dir / "bom8.jsonl", std::ios::binary) << "\xEF\xBB\xBF" << line << "\n";
  ReadResult r = read_inputs({dir.string()}, Options{});
  ASSERT_EQ(r.articles.size(), 1u) << "the UTF-8 file with a byte-order mark is read";
  ASSERT_EQ(r.rejects.size(), 2u);
  for (const auto& rej : r.rejects) EXPECT_NE(rej.reason.find("UTF-16LE, not UTF-8"), std::string::npos) << rej.reason;
  EXPECT_EQ(r.records_read, 3u);
  fs::remove_all(dir);
}

TEST(Read, WhatAFolderHoldsButCannotBeReadIsRejectedWithItsReason) {
  auto dir = fs::temp_directory_path() / ("crossdup-walk-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "ok");
  std::ofstream(dir / "ok" / "a.txt") << "A short article about a storm.";
  fs::create_symlink(dir / "gone.txt", dir / "broken.txt");  // a dangling link to a .txt
  fs::create_directories(dir / "locked");
  std::ofstream(dir / "locked" / "b.txt") << "An article nobody can read.";
  fs::permissions(dir / "locked", fs::perms::none);
  const bool root = ::geteuid() == 0;  // root reads every folder: that case cannot be made here

  ReadResult r = read_inputs({dir.string()}, Options{});
  fs::permissions(dir / "locked", fs::perms::owner_all);
  auto rejected = [&r](const std::string& id) -> const Reject* {
    for (const auto& rej : r.rejects)
      if (rej.id == id) return &rej;
    return nullptr;
  };
  const Reject* link = rejected("broken.txt");
  ASSERT_NE(link, nullptr);
  EXPECT_EQ(link->reason, "broken symbolic link");
  if (!root) {
    const Reject* locked = rejected("locked");
    ASSERT_NE(locked, nullptr);
    EXPECT_NE(locked->reason.find("cannot read folder"), std::string::npos) << locked->reason;
  }
  EXPECT_EQ(r.records_read, r.articles.size() + r.rejects.size());
  EXPECT_EQ(r.articles.size(), root ? 2u : 1u);
  fs::remove_all(dir);
}

TEST(Read, ALanguageCodeThatIsNoneIsIdentifiedFromTheText) {
  EXPECT_EQ(normalise_language_code("xx"), "");
  EXPECT_EQ(normalise_language_code("EN-us"), "en");
  EXPECT_EQ(normalise_language_code("vi"), "vi");
  EXPECT_EQ(normalise_language_code("fil"), "fil") << "three-letter codes are taken as given";
  std::stringstream in;
  in << R"({"id": "a", "lang": "xx", "text": "The minister met the court."})"
     << "\n";
  ReadResult r;
  read_jsonl(in, "feed.jsonl", Options{}, r);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].lang, "") << "left to language identification";
}

TEST(Read, AFileNameThatIsNotUtf8KeepsNamingItsFile) {
  auto dir = fs::temp_directory_path() / ("crossdup-names-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "caf\xE9.txt") << "A short article about a storm.";
  ReadResult r = read_inputs({dir.string()}, Options{});
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].id, "caf\\xE9.txt");
  EXPECT_TRUE(is_valid_utf8(r.articles[0].id));
  fs::remove_all(dir);
}
