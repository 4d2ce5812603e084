#include "campaign.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "engine_runner.h"

namespace ljp {
namespace {

using nlohmann::json;

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string Key(const std::string& program, const std::vector<std::string>& settings,
                const std::string& fault) {
  return program + "|" + Join(settings, ",") + "|" + fault;
}

std::optional<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool Failed(const CampaignRun& r) {
  return r.outcome != SweepRun::Outcome::kRecovered && r.outcome != SweepRun::Outcome::kNotReached;
}

json ToJson(const CampaignRun& r) {
  return {{"program", r.program}, {"settings", r.settings},
          {"fault", r.fault},     {"outcome", OutcomeName(r.outcome)},
          {"leak", r.leak},       {"detail", r.detail},
          {"command", r.command}};
}

std::optional<CampaignRun> FromJson(const json& j) {
  if (!j.is_object()) return std::nullopt;
  CampaignRun r;
  r.program = j.value("program", "");
  r.settings = j.value("settings", std::vector<std::string>{});
  r.fault = j.value("fault", "");
  const std::string outcome = j.value("outcome", "");
  bool known = false;
  for (auto o : {SweepRun::Outcome::kRecovered, SweepRun::Outcome::kAssertion,
                 SweepRun::Outcome::kCrash, SweepRun::Outcome::kHang,
                 SweepRun::Outcome::kWrongOutput, SweepRun::Outcome::kNotReached}) {
    if (outcome == OutcomeName(o)) {
      r.outcome = o;
      known = true;
    }
  }
  if (!known || r.program.empty() || r.fault.empty()) return std::nullopt;
  r.leak = j.value("leak", false);
  r.detail = j.value("detail", "");
  r.command = j.value("command", "");
  return r;
}

// One unit of work: a named fault, or the alloc=1.. series (until not reached).
struct Task {
  std::string program;
  std::vector<std::string> settings;
  std::string fault;  // "alloc" for the series
};

class Campaign {
 public:
  Campaign(const CampaignPlan& plan, const std::function<void(const CampaignRun&)>& progress)
      : plan_(plan), progress_(progress) {}

  Expected<CampaignResult> Run() {
    if (!plan_.request_for) return Error{"no way to build requests"};
    LoadResults();
    for (const std::string& program : plan_.programs) {
      Expected<EngineRequest> off = plan_.request_for(program, {"--jit", "off"});
      if (!off) return Error{off.error()};
      off.value().options.capture = false;
      Expected<Timeline> ref = RunInEngine(off.value(), plan_.engine, "");
      if (!ref) return Error{program + ": the JIT-off run: " + ref.error()};
      reference_[program] = OutputOf(ref.value());
      for (const std::vector<std::string>& settings : plan_.settings) {
        for (const std::string& fault : plan_.named_faults)
          tasks_.push_back({program, settings, fault});
        if (plan_.max_alloc > 0) tasks_.push_back({program, settings, "alloc"});
      }
    }
    std::vector<std::thread> workers;
    for (int i = 0; i < std::max(1, plan_.jobs); ++i) workers.emplace_back([this] { Work(); });
    for (std::thread& t : workers) t.join();
    if (!error_.empty()) return Error{error_};
    // The plan's runs, in plan order.
    CampaignResult result;
    result.resumed = resumed_;
    for (const Task& t : AllKeys())
      if (const auto it = done_.find(Key(t.program, t.settings, t.fault)); it != done_.end())
        result.runs.push_back(it->second);
    return result;
  }

 private:
  // Every run key the plan has, alloc series expanded as far as they went.
  std::vector<Task> AllKeys() {
    std::vector<Task> keys;
    for (const Task& t : tasks_) {
      if (t.fault != "alloc") {
        keys.push_back(t);
        continue;
      }
      for (uint64_t k = 1; k <= plan_.max_alloc; ++k) {
        const std::string fault = "alloc=" + std::to_string(k);
        keys.push_back({t.program, t.settings, fault});
        const auto it = done_.find(Key(t.program, t.settings, fault));
        if (it == done_.end() || it->second.outcome == SweepRun::Outcome::kNotReached) break;
      }
    }
    return keys;
  }

  void LoadResults() {
    if (plan_.results.empty()) return;
    const std::optional<std::string> text = ReadText(plan_.results);
    out_.open(plan_.results, std::ios::app);
    if (!text) return;
    std::istringstream in(*text);
    std::string line;
    while (std::getline(in, line)) {
      const std::optional<CampaignRun> r = FromJson(json::parse(line, nullptr, false));
      if (!r) continue;  // a line cut short by an interrupted campaign
      done_[Key(r->program, r->settings, r->fault)] = *r;
      ++resumed_;
    }
  }

  std::vector<std::string> Args(const std::vector<std::string>& settings,
                                const std::string& fault) const {
    std::vector<std::string> args;
    for (const std::string& s : settings) args.insert(args.end(), {"--opt", s});
    args.insert(args.end(), {"--fault", fault});
    for (Finding f : plan_.unfixed) args.insert(args.end(), {"--unfixed", FindingName(f)});
    return args;
  }

  // Runs one fault in the program under these settings and classifies it.
  Expected<CampaignRun> RunOne(const std::string& program, const std::vector<std::string>& settings,
                               const std::string& fault) {
    CampaignRun r{program, settings, fault};
    Expected<EngineRequest> req = plan_.request_for(program, Args(settings, fault));
    if (!req) return Error{req.error()};
    req.value().options.echo_output = false;
    if (req.value().options.budgets.wall_seconds <= 0 ||
        req.value().options.budgets.wall_seconds > 20)
      req.value().options.budgets.wall_seconds = 20;
    Expected<Timeline> t = RunInEngine(req.value(), plan_.engine, "");
    if (!t) {  // the engine died before it wrote anything: a crash of its own kind
      r.outcome = SweepRun::Outcome::kCrash;
      r.detail = t.error();
      return r;
    }
    // The fault events' names: "alloc=k", "ir-grow=canon", "trace-grow" (also
    // for trace-grow=always).
    const std::string point = FaultPoint(fault);
    const std::string event = point == "trace-grow=always" ? "trace-grow" : point;
    const SweepRun s = ClassifyRun(
        0, t.value(), reference_.at(program), event,
        point == "alloc" ? "fewer allocations while recording" : "the fault point was not reached");
    r.outcome = s.outcome;
    r.detail = s.detail;
    r.leak = s.outcome == SweepRun::Outcome::kAssertion &&
             s.detail.find("memory leak") != std::string::npos;
    return r;
  }

  // The shortest `ljplay run` that still fails the same way: drop settings one
  // at a time while the outcome stays.
  std::string Reduce(const CampaignRun& failed) {
    std::vector<std::string> settings = failed.settings;
    for (size_t i = 0; i < settings.size();) {
      std::vector<std::string> fewer = settings;
      fewer.erase(fewer.begin() + i);
      Expected<CampaignRun> again = RunOne(failed.program, fewer, failed.fault);
      if (again && again.value().outcome == failed.outcome && again.value().leak == failed.leak)
        settings = std::move(fewer);
      else
        ++i;
    }
    return "ljplay run " + failed.program + " " + Join(Args(settings, failed.fault), " ");
  }

  void Record(CampaignRun r) {
    if (Failed(r)) r.command = Reduce(r);
    std::lock_guard<std::mutex> lock(mutex_);
    done_[Key(r.program, r.settings, r.fault)] = r;
    if (out_) out_ << ToJson(r).dump() << "\n" << std::flush;
    if (progress_) progress_(r);
  }

  bool Done(const std::string& key, CampaignRun* r = nullptr) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = done_.find(key);
    if (it != done_.end() && r) *r = it->second;
    return it != done_.end();
  }

  void Work() {
    for (;;) {
      Task task;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (next_ >= tasks_.size() || !error_.empty()) return;
        task = tasks_[next_++];
      }
      const bool series = task.fault == "alloc";
      for (uint64_t k = 1; k <= (series ? plan_.max_alloc : 1); ++k) {
        const std::string fault = series ? "alloc=" + std::to_string(k) : task.fault;
        CampaignRun done;
        if (!Done(Key(task.program, task.settings, fault), &done)) {
          Expected<CampaignRun> r = RunOne(task.program, task.settings, fault);
          if (!r) {
            std::lock_guard<std::mutex> lock(mutex_);
            error_ = r.error();
            return;
          }
          done = r.value();
          Record(done);
        }
        if (done.outcome == SweepRun::Outcome::kNotReached) break;
      }
    }
  }

  const CampaignPlan& plan_;
  const std::function<void(const CampaignRun&)>& progress_;
  std::map<std::string, std::string> reference_;
  std::vector<Task> tasks_;
  size_t next_ = 0;
  std::map<std::string, CampaignRun> done_;
  int resumed_ = 0;
  std::ofstream out_;
  std::mutex mutex_;
  std::string error_;
};

}  // namespace

std::vector<std::vector<std::string>> DefaultCampaignSettings() {
  return {{},
          {"hotloop=1", "hotexit=1"},
          {"hotloop=1", "maxsnap=3"},
          {"hotloop=1", "maxirconst=40", "maxrecord=200"}};
}

std::vector<std::string> DefaultCampaignFaults() {
  return {"ir-grow",    "ir-grow=canon",     "snap-grow",      "snap-grow=stitch", "ir-const",
          "trace-grow", "trace-grow=always", "alloc-doubling", "str-new",          "loop-subst"};
}

std::string FaultPoint(const std::string& fault) {
  return fault.rfind("alloc=", 0) == 0 ? "alloc" : fault;
}

std::string CampaignTable(const CampaignResult& result) {
  struct Row {
    int runs = 0, recovered = 0, assertion = 0, crash = 0, hang = 0, wrong = 0, leak = 0,
        not_reached = 0;
  };
  std::map<std::string, Row> rows;
  Row total;
  for (const CampaignRun& r : result.runs) {
    for (Row* row : {&rows[FaultPoint(r.fault)], &total}) {
      ++row->runs;
      switch (r.outcome) {
        case SweepRun::Outcome::kRecovered:
          ++row->recovered;
          break;
        case SweepRun::Outcome::kAssertion:
          ++(r.leak ? row->leak : row->assertion);
          break;
        case SweepRun::Outcome::kCrash:
          ++row->crash;
          break;
        case SweepRun::Outcome::kHang:
          ++row->hang;
          break;
        case SweepRun::Outcome::kWrongOutput:
          ++row->wrong;
          break;
        case SweepRun::Outcome::kNotReached:
          ++row->not_reached;
          break;
      }
    }
  }
  std::ostringstream out;
  out << "| fault point | runs | recovered | assertion | crash | hang | wrong output | leak | "
         "not reached |\n|---|---|---|---|---|---|---|---|---|\n";
  const auto line = [&](const std::string& name, const Row& r) {
    out << "| " << name << " | " << r.runs << " | " << r.recovered << " | " << r.assertion << " | "
        << r.crash << " | " << r.hang << " | " << r.wrong << " | " << r.leak << " | "
        << r.not_reached << " |\n";
  };
  for (const auto& [name, row] : rows) line(name, row);
  line("all", total);
  return out.str();
}

Expected<CampaignResult> RunCampaign(const CampaignPlan& plan,
                                     const std::function<void(const CampaignRun&)>& progress) {
  Campaign campaign(plan, progress);
  return campaign.Run();
}

}  // namespace ljp
