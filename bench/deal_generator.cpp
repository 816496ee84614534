// The generator's rules: kinds, sources, amounts, dates and people drawn from a seeded sequence.
#include "bench/deal_generator.hpp"

#include <cstdio>
#include <iterator>
#include <vector>

namespace compplan::bench {

namespace {

// splitmix64: a fixed, portable sequence (std:: distributions differ between libraries).
class random_source {
public:
   explicit random_source(std::uint64_t seed) : m_state(seed) {}

   std::uint64_t next()
   {
      std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      return z ^ (z >> 31);
   }
   // 0 <= result < bound
   std::uint64_t below(std::uint64_t bound) { return next() % bound; }
   bool chance(unsigned percent) { return below(100) < percent; }

private:
   std::uint64_t m_state;
};

struct day {
   int year;
   int month;
   int day_of_month;
};

bool is_leap(int year)
{
   return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int month_length(int year, int month)
{
   static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
   return month == 2 && is_leap(year) ? 29 : lengths[month - 1];
}

day plus_days(day d, int days)
{
   d.day_of_month += days;
   while (d.day_of_month > month_length(d.year, d.month)) {
      d.day_of_month -= month_length(d.year, d.month);
      if (++d.month > 12) {
         d.month = 1;
         ++d.year;
      }
   }
   return d;
}

void append_date(std::string& out, day d)
{
   char text[16];
   std::snprintf(text, sizeof text, "%04d-%02d-%02d", d.year, d.month, d.day_of_month);
   out += text;
}

void append_cents(std::string& out, std::uint64_t cents)
{
   out += std::to_string(cents / 100);
   out += '.';
   out += static_cast<char>('0' + cents / 10 % 10);
   out += static_cast<char>('0' + cents % 10);
}

const char* const accounts[] = {"Globex",   "Initech", "Umbrella", "Hooli",   "Stark",  "Wayne",
                                "Wonka",    "Tyrell",  "Cyberdyne", "Soylent", "Oscorp", "Massive",
                                "Virtucon", "Duff",    "Monarch",  "Prestige", "Bluth",  "Krusty"};
const char* const kinds[] = {"new", "renewal", "expansion", "addon"};
const char* const sources[] = {"ae_sourced", "csm_sourced", "joint", "csm_closed"};

struct organisation {
   std::size_t aes;
   std::size_t csms;
   std::size_t partners;
};

// D00000001, D00000002...: zero-padded, so byte order is file order.
std::string deal_id(std::size_t index)
{
   char id[24];
   std::snprintf(id, sizeof id, "D%08zu", index + 1);
   return id;
}

std::string person_name(const char* prefix, std::size_t index)
{
   return prefix + std::to_string(index + 1);
}

// The AE's share of a deal's credit under the reference plan's crediting rules, in percent.
unsigned ae_share(const std::string& kind, const std::string& source, bool bundled, std::uint64_t cents)
{
   if (kind == "new") return 100;
   if (kind == "renewal" || (kind == "addon" && bundled)) return 0;
   if (source == "ae_sourced") return 80;
   if (source == "joint") return 50;
   if (source == "csm_sourced") return cents < 2'500'000 ? 70 : cents <= 10'000'000 ? 60 : 55;
   return 0;
}

// One deal row; adds the AE's credit (in cents) to credit_by_ae when the deal is in period.
std::string deal_row(std::size_t index, random_source& random, const organisation& org,
                     std::vector<std::uint64_t>& credit_by_ae)
{
   const std::string kind = kinds[random.below(100) < 30 ? 0 : random.below(3) + 1];
   std::string source;
   if (kind == "expansion" || kind == "addon") {
      // A few expansions name no source: no crediting rule matches them.
      source = random.chance(2) ? "" : sources[random.below(4)];
   }
   // Log-uniform-ish amounts from 100.00 to about 650,000.00, always with cents.
   const std::uint64_t scale = std::uint64_t{10'000} << random.below(13);
   const std::uint64_t cents = scale + random.below(scale * 3 / 2);
   const bool bundled = kind == "addon" && random.chance(30);
   const bool in_period = !random.chance(1);
   const day booked = in_period ? plus_days({2027, 1, 1}, static_cast<int>(random.below(365)))
                                : plus_days({2026, 12, 1}, static_cast<int>(random.below(28)));
   const bool activated = random.chance(80);
   const day activated_on = plus_days(booked, 1 + static_cast<int>(random.below(45)));
   const unsigned churn = static_cast<unsigned>(random.below(100));  // < 6: early, < 12: late
   const day churned_on = plus_days(activated ? activated_on : booked,
                                    churn < 6 ? 1 + static_cast<int>(random.below(90))
                                              : 91 + static_cast<int>(random.below(200)));
   const std::size_t ae = random.below(org.aes);
   const bool has_ae = kind != "renewal" && random.below(2000) != 0;  // a few deals lack their AE
   const bool has_csm = kind != "new" || random.chance(20);
   const bool has_partner = random.chance(12);
   const bool registered = has_partner ? random.chance(70) : random.chance(2);

   std::string row = deal_id(index) + ',';
   row += accounts[random.below(std::size(accounts))];
   row += ' ';
   row += std::to_string(random.below(1000));
   row += ',' + kind + ',' + source + ',';
   append_cents(row, cents);
   row += bundled ? ",true," : ",false,";
   append_date(row, booked);
   row += ',';
   if (activated) append_date(row, activated_on);
   row += ',';
   if (churn < 12) append_date(row, churned_on);
   row += ',';
   if (has_ae) row += person_name("AE ", ae);
   row += ',';
   if (has_csm) row += person_name("CSM ", random.below(org.csms));
   row += ',';
   if (has_partner) row += person_name("Partner ", random.below(org.partners));
   row += registered ? ",true\n" : ",false\n";

   if (in_period && has_ae) {
      credit_by_ae[ae] += cents * ae_share(kind, source, bundled, cents) / 100;
   }
   return row;
}

// Every AE has a quota: every third one at 80% of the credit the deals give them (so they cross
// it), the others at 150%. CSMs and partners have no quota.
std::string people_file(const organisation& org, const std::vector<std::uint64_t>& credit_by_ae)
{
   std::string out = "person,role,quota\n";
   for (std::size_t i = 0; i < org.aes; ++i) {
      const std::uint64_t credit = credit_by_ae[i] / 100'000 * 100'000;  // whole thousands
      const std::uint64_t quota = i % 3 == 0 ? credit * 8 / 10 : credit * 15 / 10;
      out += person_name("AE ", i) + ",AE,";
      append_cents(out, quota < 100'000 ? 100'000 : quota);
      out += '\n';
   }
   for (std::size_t i = 0; i < org.csms; ++i) {
      out += person_name("CSM ", i) + ",CSM,\n";
   }
   for (std::size_t i = 0; i < org.partners; ++i) {
      out += person_name("Partner ", i) + ",PARTNER,\n";
   }
   return out;
}

// Rows with a bad value, as a CRM export has now and then: about one in 50,000.
std::string malformed_row(std::size_t index)
{
   static const char* const bad[] = {
      "expansion,csm_sourced,12.345,false,2027-03-01,,,AE 1,CSM 1,,false",
      "new,,1e5,false,2027-03-01,,,AE 1,,,false",
      "renewal,,5000.00,maybe,2027-03-01,,,,CSM 1,,false",
      "new,,12000.00,false,2027-02-30,,,AE 1,,,false",
   };
   return deal_id(index) + ",Bad," + bad[index % std::size(bad)] + "\n";
}

}  // namespace

generated_files generate_deals(std::size_t count, std::uint64_t seed)
{
   random_source random(seed);
   const organisation org{count / 400 + 10, count / 800 + 5, 50};
   std::vector<std::uint64_t> credit_by_ae(org.aes);
   generated_files files;
   files.deals = "id,account,kind,source,amount,bundled,booked_on,activated_on,churned_on,ae,csm,partner,registered\n";
   files.deals.reserve(count * 110);
   for (std::size_t i = 0; i < count; ++i) {
      files.deals += random.below(50'000) == 0 ? malformed_row(i) : deal_row(i, random, org, credit_by_ae);
   }
   files.people = people_file(org, credit_by_ae);
   return files;
}

}  // namespace compplan::bench
