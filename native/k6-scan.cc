// The analyzer's native line scanner: k6 `--out json` Point lines of a block read
// straight from its bytes into records (metric, tag-set slot, time, value), for
// src/results/read-native.ts. It accepts only the exact line shapes the JavaScript byte
// reader accepts (src/results/read-point-bytes.ts) and gives the same doubles; every
// other line comes back as a "fallback" record, which the JavaScript reader handles as
// before, so the result never depends on which reader ran (a test proves it).
//
// Why native: the JavaScript reader spends ~0.35 µs a line finding fields, matching tag
// bytes, and reading numbers (16–17 digit decimals need double-double arithmetic in JS);
// here std::from_chars reads them correctly rounded (libstdc++'s fast_float, Lemire 2021),
// and the tag bytes are hashed and compared eight at a time.
//
// Node-API (ABI-stable): the one build serves every Node version from 20 on, and it is
// context-aware, so worker threads load it too.
#include <node_api.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace {

// Record layout, shared with read-native.ts; LAYOUT changes with it, so a stale build is
// refused rather than misread.
constexpr int32_t LAYOUT = 2;
constexpr int32_t STRIDE_I = 12;  // kind, line, metric, slot, nameStart, nameEnd, tagsStart, tagsEnd, lineStart, lineEnd, pairsAt, pairs
constexpr int32_t STRIDE_D = 2;  // time ms, value
constexpr int32_t K_FALLBACK = 1;  // the JavaScript reader decides this line
constexpr int32_t F_NEW_METRIC = 2;  // first line of this metric id: intern buf[nameStart, nameEnd)
constexpr int32_t F_NEW_SLOT = 4;  // the slot now holds these tag bytes; its previous occupant moved to slot + 1

// Per metric, as TagCache in read-tag-sets.ts: 1024 slots in pairs, and no storing once
// the tags turn out to be per sample (a candidate id): > 2000 misses and fewer hits.
constexpr uint32_t SLOTS = 1024;
constexpr size_t MAX_METRICS = 1000;  // MetricTable's interning bound

struct Metric {
  std::string name;
  std::vector<std::string> keys = std::vector<std::string>(SLOTS);
  std::vector<uint8_t> used = std::vector<uint8_t>(SLOTS);
  int32_t last = -1;
  int64_t hits = 0;
  int64_t misses = 0;
  bool storing = true;
};

struct Scanner {
  std::vector<Metric> metrics;
  std::vector<int32_t> byHash = std::vector<int32_t>(4096, -1);  // open addressing over metric names
  napi_ref recsRef = nullptr;
  napi_ref numsRef = nullptr;
  napi_ref pairsRef = nullptr;
  int32_t* recs = nullptr;
  double* nums = nullptr;
  int32_t cap = 0;
  // Offsets of per-sample tag sets' pairs (key start, key end, value start, value end).
  int32_t* pairs = nullptr;
  size_t pairsCap = 0;
  size_t pairsUsed = 0;
  // The last whole second read (its first 19 bytes and zone) and its epoch ms.
  char lastSecond[19] = {};
  char lastZone[6] = {};
  size_t lastZoneLen = 0;
  double lastWhole = std::numeric_limits<double>::quiet_NaN();
  // The last day parsed (y·10000 + m·100 + d) and its epoch ms.
  int32_t dayKey = -1;
  double dayBase = 0;
};

const char POINT_HEAD[] = "{\"type\":\"Point\",\"data\":{\"time\":\"";
const char METRIC_HEAD[] = "{\"metric\":\"";
const char METRIC_POINT[] = "\",\"type\":\"Point\",\"data\":{\"time\":\"";
const char METRIC_TAIL[] = "}},\"metric\":\"";
const char VALUE_KEY[] = "\",\"value\":";
const char TAGS_KEY[] = ",\"tags\":";
constexpr size_t POINT_HEAD_N = sizeof(POINT_HEAD) - 1;
constexpr size_t METRIC_HEAD_N = sizeof(METRIC_HEAD) - 1;
constexpr size_t METRIC_POINT_N = sizeof(METRIC_POINT) - 1;
constexpr size_t METRIC_TAIL_N = sizeof(METRIC_TAIL) - 1;
constexpr size_t VALUE_KEY_N = sizeof(VALUE_KEY) - 1;
constexpr size_t TAGS_KEY_N = sizeof(TAGS_KEY) - 1;
constexpr size_t MIN_TIME = 20;  // YYYY-MM-DDTHH:MM:SSZ

inline bool at(const uint8_t* b, size_t i, size_t e, const char* p, size_t n) { return i + n <= e && std::memcmp(b + i, p, n) == 0; }

inline bool nameByte(uint8_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

inline uint64_t load64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// A hash of all the bytes, eight at a time (a slot choice; equality is checked byte for byte).
uint32_t hashBytes(const uint8_t* p, size_t n) {
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) h = (h ^ load64(p + i)) * 0x100000001b3ULL, h ^= h >> 29;
  uint64_t t = 0;
  std::memcpy(&t, p + i, n - i);
  h = (h ^ t) * 0x100000001b3ULL;
  h ^= h >> 32;
  return static_cast<uint32_t>(h);
}

inline int digits2(const uint8_t* b, size_t i) {
  int x = b[i] - '0', y = b[i + 1] - '0';
  return (x >= 0 && x <= 9 && y >= 0 && y <= 9) ? x * 10 + y : -1;
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Hinnant, "chrono-
// Compatible Low-Level Date Algorithms", days_from_civil), as Date.parse counts them.
int64_t daysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int daysInMonth(int y, int m) {
  static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return dim[m - 1];
}

const double POW10[] = {1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

// parseRfc3339Bytes (src/results/read-time.ts) over b[s, e): the same arithmetic in
// doubles, so the same result; NaN when it is not that shape or the date is one whose
// validity Date.parse decides (the JavaScript reader then reads the line).
double parseTime(Scanner& sc, const uint8_t* b, size_t s, size_t e) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (e - s < MIN_TIME) return nan;
  // The fraction and the zone are read either way; the calendar only for a new second.
  size_t i = s + 19;
  int64_t frac = 0;  // an integer below 10^9: exact as a double, as in the JavaScript
  int digits = 0;
  if (b[i] == '.') {
    for (i++; i < e; i++) {
      int c = b[i] - '0';
      if (c < 0 || c > 9) break;
      if (digits < 9) frac = frac * 10 + c, digits++;
    }
    if (digits == 0) return nan;
  }
  const size_t zone = i;
  const size_t zoneLen = e - zone;
  if (!((zoneLen == 1 && b[zone] == 'Z') || (zoneLen == 6 && (b[zone] == '+' || b[zone] == '-') && b[zone + 3] == ':'))) return nan;
  double whole;
  if (!std::isnan(sc.lastWhole) && std::memcmp(sc.lastSecond, b + s, 19) == 0 && zoneLen == sc.lastZoneLen && std::memcmp(sc.lastZone, b + zone, zoneLen) == 0) {
    whole = sc.lastWhole;
  } else {
    int y1 = digits2(b, s), y2 = digits2(b, s + 2), mo = digits2(b, s + 5), d = digits2(b, s + 8);
    int h = digits2(b, s + 11), mi = digits2(b, s + 14), sec = digits2(b, s + 17);
    if ((y1 | y2 | mo | d | h | mi | sec) < 0) return nan;
    if (b[s + 4] != '-' || b[s + 7] != '-' || b[s + 10] != 'T' || b[s + 13] != ':' || b[s + 16] != ':') return nan;
    if (h > 23 || mi > 59 || sec > 59) return nan;
    const int y = y1 * 100 + y2;
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return nan;
    int offsetMin = 0;
    if (zoneLen == 6) {
      int oh = digits2(b, zone + 1), om = digits2(b, zone + 4);
      if ((oh | om) < 0 || oh > 23 || om > 59) return nan;
      offsetMin = (b[zone] == '+' ? 1 : -1) * (oh * 60 + om);
    }
    const int32_t key = (y * 100 + mo) * 100 + d;
    if (key != sc.dayKey) {
      sc.dayKey = key;
      sc.dayBase = static_cast<double>(daysFromCivil(y, mo, d)) * 86400000.0;
    }
    // Exact integers in doubles, in the JavaScript order.
    whole = sc.dayBase + static_cast<double>(((h * 60 + mi) * 60 + sec) * 1000) - static_cast<double>(offsetMin) * 60000.0;
    std::memcpy(sc.lastSecond, b + s, 19);
    std::memcpy(sc.lastZone, b + zone, zoneLen);
    sc.lastZoneLen = zoneLen;
    sc.lastWhole = whole;
  }
  return digits == 0 ? whole : whole + (static_cast<double>(frac) * 1000.0) / POW10[digits];
}

// A JSON number from b[s] to the first comma before `limit`: its value (correctly
// rounded, as Number() reads it) and the comma's position, or false for anything that
// is not -?digits[.digits][(e|E)[+-]digits] ending at a comma or that is not finite.
bool readNumber(const uint8_t* b, size_t s, size_t limit, double& value, size_t& comma) {
  size_t i = s;
  if (i < limit && b[i] == '-') i++;
  size_t intDigits = 0;
  while (i < limit && b[i] >= '0' && b[i] <= '9') i++, intDigits++;
  size_t fracDigits = 0;
  if (i < limit && b[i] == '.') {
    i++;
    while (i < limit && b[i] >= '0' && b[i] <= '9') i++, fracDigits++;
    if (fracDigits == 0) return false;
  }
  if (intDigits + fracDigits == 0) return false;
  if (i < limit && (b[i] == 'e' || b[i] == 'E')) {
    i++;
    if (i < limit && (b[i] == '+' || b[i] == '-')) i++;
    size_t expDigits = 0;
    while (i < limit && b[i] >= '0' && b[i] <= '9') i++, expDigits++;
    if (expDigits == 0) return false;
  }
  if (i >= limit || b[i] != ',') return false;
  const char* first = reinterpret_cast<const char*>(b + s);
  const char* last = reinterpret_cast<const char*>(b + i);
  // from_chars takes no '+' and no leading '.', neither of which is possible here.
  auto r = std::from_chars(first, last, value);
  if (r.ec != std::errc() || r.ptr != last || !std::isfinite(value)) return false;
  comma = i;
  return true;
}

// The metric id of b[s, e), interning it on first sight (isNew); -1 past the bound.
int32_t metricId(Scanner& sc, const uint8_t* b, size_t s, size_t e, bool& isNew) {
  const size_t n = e - s;
  uint32_t h = hashBytes(b + s, n) & 4095;
  for (;;) {
    int32_t id = sc.byHash[h];
    if (id < 0) break;
    const std::string& name = sc.metrics[id].name;
    if (name.size() == n && std::memcmp(name.data(), b + s, n) == 0) {
      isNew = false;
      return id;
    }
    h = (h + 1) & 4095;
  }
  if (sc.metrics.size() >= MAX_METRICS) return -1;
  const int32_t id = static_cast<int32_t>(sc.metrics.size());
  sc.metrics.emplace_back();
  sc.metrics.back().name.assign(reinterpret_cast<const char*>(b + s), n);
  sc.byHash[h] = id;
  isNew = true;
  return id;
}

inline bool same(const std::string& k, const uint8_t* p, size_t n) { return k.size() == n && std::memcmp(k.data(), p, n) == 0; }

// A slot choice for tag bytes, cheaper than hashing them all: the length, the last 24
// bytes and three inner ones (tag sets of one metric share their start, the scenario and
// op, and differ in the values near the end). A hit is still confirmed byte for byte.
uint32_t tagHash(const uint8_t* p, size_t n) {
  if (n < 32) return hashBytes(p, n);
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
  for (size_t i = n - 24; i < n; i += 8) h = (h ^ load64(p + i)) * 0x100000001b3ULL, h ^= h >> 29;
  h = (h ^ (static_cast<uint64_t>(p[n >> 1]) | static_cast<uint64_t>(p[n >> 2]) << 8 | static_cast<uint64_t>(p[(n * 3) >> 2]) << 16)) * 0x100000001b3ULL;
  h ^= h >> 32;
  return static_cast<uint32_t>(h);
}

// The slot of the tag bytes b[s, e) in the metric's table, as TagCache.get chooses it:
// the metric's last set, then the pair (h, h + 1); a miss stores the bytes in h (moving
// its occupant to h + 1) and sets `fresh`. -1: not stored (per-sample tags).
int32_t tagSlot(Metric& m, const uint8_t* b, size_t s, size_t e, bool& fresh) {
  const size_t n = e - s;
  fresh = false;
  if (!m.storing) return -1;
  if (m.last >= 0 && same(m.keys[m.last], b + s, n)) {
    m.hits++;
    return m.last;
  }
  const uint32_t slot = tagHash(b + s, n) & (SLOTS - 2);
  for (uint32_t k = slot; k <= slot + 1; k++) {
    if (m.used[k] && same(m.keys[k], b + s, n)) {
      m.hits++;
      return m.last = static_cast<int32_t>(k);
    }
  }
  if (++m.misses > 2000 && m.hits < m.misses) {
    m.storing = false;
    m.last = -1;
    return -1;
  }
  m.keys[slot + 1].swap(m.keys[slot]);
  m.used[slot + 1] = m.used[slot];
  m.keys[slot].assign(reinterpret_cast<const char*>(b + s), n);
  m.used[slot] = 1;
  fresh = true;
  return m.last = static_cast<int32_t>(slot);
}

constexpr int32_t MAX_PAIRS = 64;

// The quote closing a string of printable ASCII without escapes from i, or e (none).
inline size_t printable(const uint8_t* b, size_t i, size_t e) {
  for (; i < e; i++) {
    const uint8_t c = b[i];
    if (c == '"') return i;
    if (c < 32 || c > 126 || c == '\\') return e;
  }
  return e;
}

// flatPairs of read-tag-sets.ts: the pairs of a flat tag object {"k":"v",...} of
// printable ASCII into `out` (4 offsets each), their count, or -1 for any other shape.
int32_t flatPairs(const uint8_t* b, size_t s, size_t e, int32_t* out) {
  if (e - s < 2 || b[s] != '{' || b[e - 1] != '}') return -1;
  size_t i = s + 1;
  if (i == e - 1) return 0;
  int32_t n = 0;
  for (;;) {
    if (n == MAX_PAIRS || b[i] != '"') return -1;
    const size_t ks = ++i;
    i = printable(b, i, e);
    if (i >= e || b[i + 1] != ':' || b[i + 2] != '"') return -1;
    const size_t ke = i;
    if (ke - ks == 9 && std::memcmp(b + ks, "__proto__", 9) == 0) return -1;
    const size_t vs = i + 3;
    i = printable(b, vs, e);
    if (i >= e) return -1;
    out[4 * n] = static_cast<int32_t>(ks);
    out[4 * n + 1] = static_cast<int32_t>(ke);
    out[4 * n + 2] = static_cast<int32_t>(vs);
    out[4 * n + 3] = static_cast<int32_t>(i);
    n++;
    i++;
    if (b[i] == ',') {
      i++;
      continue;
    }
    return b[i] == '}' && i == e - 1 ? n : -1;
  }
}

// One line b[s, e) (no newline) into record r; false when the JavaScript reader must decide it.
bool scanLine(Scanner& sc, const uint8_t* b, size_t s, size_t e, int32_t* rec, double* num) {
  size_t timeStart, tagsEnd, nameStart, nameEnd;
  if (e - s < 3) return false;
  if (b[s + 2] == 't' && at(b, s, e, POINT_HEAD, POINT_HEAD_N)) {
    if (b[e - 1] != '}' || b[e - 2] != '"') return false;
    nameEnd = e - 2;
    nameStart = nameEnd;
    while (nameStart > s && nameByte(b[nameStart - 1])) nameStart--;
    if (nameStart == nameEnd || nameStart < s + METRIC_TAIL_N || !at(b, nameStart - METRIC_TAIL_N, e, METRIC_TAIL, METRIC_TAIL_N)) return false;
    timeStart = s + POINT_HEAD_N;
    tagsEnd = nameStart - 12;
  } else if (b[s + 2] == 'm' && at(b, s, e, METRIC_HEAD, METRIC_HEAD_N)) {
    nameStart = s + METRIC_HEAD_N;
    nameEnd = nameStart;
    while (nameEnd < e && nameByte(b[nameEnd])) nameEnd++;
    if (nameEnd == nameStart || !at(b, nameEnd, e, METRIC_POINT, METRIC_POINT_N)) return false;
    if (b[e - 1] != '}' || b[e - 2] != '}' || b[e - 3] != '}') return false;
    timeStart = nameEnd + METRIC_POINT_N;
    tagsEnd = e - 2;
  } else {
    return false;
  }
  if (timeStart + MIN_TIME > tagsEnd) return false;
  // The time ends at the first quote (RFC 3339 has none).
  size_t q = timeStart + MIN_TIME;
  const size_t qMax = std::min(tagsEnd, timeStart + 48);
  while (q < qMax && b[q] != '"') q++;
  if (q >= qMax || !at(b, q, tagsEnd, VALUE_KEY, VALUE_KEY_N)) return false;
  double value;
  size_t comma;
  if (!readNumber(b, q + VALUE_KEY_N, tagsEnd, value, comma)) return false;
  if (comma + TAGS_KEY_N >= tagsEnd || !at(b, comma, tagsEnd, TAGS_KEY, TAGS_KEY_N)) return false;
  const size_t tagsStart = comma + TAGS_KEY_N;
  const double timeMs = parseTime(sc, b, timeStart, q);
  if (std::isnan(timeMs)) return false;
  bool newMetric = false;
  const int32_t id = metricId(sc, b, nameStart, nameEnd, newMetric);
  if (id < 0) return false;
  bool fresh = false;
  const int32_t slot = tagSlot(sc.metrics[id], b, tagsStart, tagsEnd, fresh);
  // Tags not kept (per sample, a candidate id): their pairs, so the JavaScript side reads them in place.
  rec[10] = static_cast<int32_t>(sc.pairsUsed);
  rec[11] = -1;
  if (slot < 0) {
    const int32_t n = flatPairs(b, tagsStart, tagsEnd, sc.pairs + sc.pairsUsed);
    rec[11] = n;
    if (n > 0) sc.pairsUsed += 4 * static_cast<size_t>(n);
  }
  rec[0] = (newMetric ? F_NEW_METRIC : 0) | (fresh ? F_NEW_SLOT : 0);
  rec[2] = id;
  rec[3] = slot;
  rec[4] = static_cast<int32_t>(nameStart);
  rec[5] = static_cast<int32_t>(nameEnd);
  rec[6] = static_cast<int32_t>(tagsStart);
  rec[7] = static_cast<int32_t>(tagsEnd);
  num[0] = timeMs;
  num[1] = value;
  return true;
}

#define CHECK(call)                                   \
  do {                                                \
    if ((call) != napi_ok) {                          \
      napi_throw_error(env, nullptr, "k6-scan: " #call); \
      return nullptr;                                 \
    }                                                 \
  } while (0)

void finalize(napi_env env, void* data, void*) {
  auto* sc = static_cast<Scanner*>(data);
  if (sc->recsRef) napi_delete_reference(env, sc->recsRef);
  if (sc->numsRef) napi_delete_reference(env, sc->numsRef);
  if (sc->pairsRef) napi_delete_reference(env, sc->pairsRef);
  delete sc;
}

// create(recs: Int32Array, nums: Float64Array) → scanner; the arrays receive the records.
napi_value Create(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  napi_typedarray_type t1, t2, t3;
  size_t n1, n2, n3;
  void *d1, *d2, *d3;
  CHECK(napi_get_typedarray_info(env, argv[0], &t1, &n1, &d1, nullptr, nullptr));
  CHECK(napi_get_typedarray_info(env, argv[1], &t2, &n2, &d2, nullptr, nullptr));
  CHECK(napi_get_typedarray_info(env, argv[2], &t3, &n3, &d3, nullptr, nullptr));
  if (t1 != napi_int32_array || t2 != napi_float64_array || t3 != napi_int32_array || n1 / STRIDE_I != n2 / STRIDE_D || n3 < 8 * MAX_PAIRS) {
    napi_throw_type_error(env, nullptr, "k6-scan: create(Int32Array(12n), Float64Array(2n), Int32Array(pairs))");
    return nullptr;
  }
  auto* sc = new Scanner();
  sc->recs = static_cast<int32_t*>(d1);
  sc->nums = static_cast<double*>(d2);
  sc->cap = static_cast<int32_t>(n1 / STRIDE_I);
  sc->pairs = static_cast<int32_t*>(d3);
  sc->pairsCap = n3;
  napi_value out;
  CHECK(napi_create_reference(env, argv[0], 1, &sc->recsRef));
  CHECK(napi_create_reference(env, argv[1], 1, &sc->numsRef));
  CHECK(napi_create_reference(env, argv[2], 1, &sc->pairsRef));
  CHECK(napi_create_external(env, sc, finalize, nullptr, &out));
  return out;
}

// scan(scanner, buf, start, end, head: Int32Array(2)) → records written. Lines of
// buf[start, end) from `start` (a line start); stops after a full record buffer.
// head[0]: where the next line starts; head[1]: lines read (blank ones included).
napi_value Scan(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  Scanner* sc;
  CHECK(napi_get_value_external(env, argv[0], reinterpret_cast<void**>(&sc)));
  void* data;
  size_t len;
  CHECK(napi_get_buffer_info(env, argv[1], &data, &len));
  int64_t start64, end64;
  CHECK(napi_get_value_int64(env, argv[2], &start64));
  CHECK(napi_get_value_int64(env, argv[3], &end64));
  napi_typedarray_type th;
  size_t nh;
  void* dh;
  CHECK(napi_get_typedarray_info(env, argv[4], &th, &nh, &dh, nullptr, nullptr));
  if (th != napi_int32_array || nh < 2 || start64 < 0 || end64 < start64 || static_cast<size_t>(end64) > len || end64 > INT32_MAX) {
    napi_throw_range_error(env, nullptr, "k6-scan: scan(scanner, buf, start, end, Int32Array(2))");
    return nullptr;
  }
  const uint8_t* b = static_cast<const uint8_t*>(data);
  int32_t* head = static_cast<int32_t*>(dh);
  size_t s = static_cast<size_t>(start64);
  const size_t n = static_cast<size_t>(end64);
  int32_t r = 0;
  int32_t lines = 0;
  // Each call fills the pairs pool from its start; a line may add MAX_PAIRS pairs.
  sc->pairsUsed = 0;
  while (s < n && r < sc->cap && sc->pairsUsed + 4 * MAX_PAIRS <= sc->pairsCap) {
    const void* nl = std::memchr(b + s, '\n', n - s);
    const size_t e = nl ? static_cast<size_t>(static_cast<const uint8_t*>(nl) - b) : n;
    lines++;
    if (e > s) {
      int32_t* rec = sc->recs + static_cast<size_t>(r) * STRIDE_I;
      double* num = sc->nums + static_cast<size_t>(r) * STRIDE_D;
      if (!scanLine(*sc, b, s, e, rec, num)) rec[0] = K_FALLBACK;
      rec[1] = lines;
      rec[8] = static_cast<int32_t>(s);
      rec[9] = static_cast<int32_t>(e);
      r++;
    }
    s = e + 1;
  }
  head[0] = static_cast<int32_t>(s > n ? n : s);
  head[1] = lines;
  napi_value out;
  CHECK(napi_create_int32(env, r, &out));
  return out;
}

}  // namespace

NAPI_MODULE_INIT() {
  napi_value create, scan, layout;
  napi_create_function(env, "create", NAPI_AUTO_LENGTH, Create, nullptr, &create);
  napi_create_function(env, "scan", NAPI_AUTO_LENGTH, Scan, nullptr, &scan);
  napi_create_int32(env, LAYOUT, &layout);
  napi_set_named_property(env, exports, "create", create);
  napi_set_named_property(env, exports, "scan", scan);
  napi_set_named_property(env, exports, "layout", layout);
  return exports;
}
