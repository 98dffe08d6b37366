// The tunable settings table: what the CLI and `compare` accept and refuse.
#include <gtest/gtest.h>

#include "crossdup/error.h"
#include "crossdup/options.h"

using namespace crossdup;

TEST(Options, SettingsAreSetByNameAndReadBack) {
  Options o;
  set_option(o, "threshold", "0.42");
  EXPECT_DOUBLE_EQ(o.threshold, 0.42);
  set_option(o, "max_date_gap", "3");
  EXPECT_EQ(o.max_date_gap_days, 3);
  EXPECT_EQ(get_option(o, "max_date_gap"), "3");
}

TEST(Options, BadValuesAreRefusedAndLeaveTheOptionAlone) {
  Options o;
  EXPECT_THROW(set_option(o, "threshold", "abc"), UsageError);
  EXPECT_THROW(set_option(o, "threshold", "0.4x"), UsageError);
  EXPECT_THROW(set_option(o, "threshold", "5"), UsageError) << "out of range";
  EXPECT_THROW(set_option(o, "max_date_gap", "2.5"), UsageError) << "a day count is whole";
  EXPECT_THROW(set_option(o, "max_neighbours", "0"), UsageError);
  EXPECT_DOUBLE_EQ(o.threshold, Options{}.threshold);
  EXPECT_EQ(o.max_date_gap_days, Options{}.max_date_gap_days);
}

TEST(Options, UnknownNamesListTheKnownOnes) {
  Options o;
  try {
    set_option(o, "treshold", "0.4");
    FAIL() << "an unknown name must be refused";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("threshold"), std::string::npos) << e.what();
  }
}
