#include "engine_request.h"

#include <nlohmann/json.hpp>

namespace ljp {

using nlohmann::json;

std::string EngineRequestJson(const EngineRequest& r) {
  const SessionOptions& o = r.options;
  json settings = json::array();
  for (const JitSetting& s : o.settings) {
    settings.push_back(
        {{"kind", s.kind == JitSetting::Kind::kCommand ? "j" : "O"}, {"text", s.text}});
  }
  json faults = json::array();
  for (const Fault& f : o.faults) faults.push_back(FaultName(f));
  json unfixed = json::array();
  for (Finding f : o.unfixed) unfixed.push_back(FindingName(f));
  json j = {{"source", r.source},
            {"chunkname", r.chunkname},
            {"settings", settings},
            {"args", o.args},
            {"program_name", o.program_name},
            {"budgets",
             {{"instructions", o.budgets.instructions},
              {"wall_seconds", o.budgets.wall_seconds},
              {"memory_bytes", o.budgets.memory_bytes},
              {"output_bytes", o.budgets.output_bytes},
              {"timeline_bytes", o.budgets.timeline_bytes}}},
            {"faults", faults},
            {"stitch_mode", StitchModeName(o.stitch_mode)},
            {"unfixed", unfixed},
            {"trace_exec", o.trace_exec},
            {"capture", o.capture},
            {"capture_output", o.capture_output},
            {"echo_output", o.echo_output}};
  if (o.prng_seed) j["seed"] = *o.prng_seed;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Expected<EngineRequest> ParseEngineRequest(const std::string& text) {
  try {
    const json j = json::parse(text);
    EngineRequest r;
    r.source = j.at("source").get<std::string>();
    r.chunkname = j.at("chunkname").get<std::string>();
    SessionOptions& o = r.options;
    for (const json& s : j.value("settings", json::array())) {
      o.settings.push_back(
          {s.at("kind") == "j" ? JitSetting::Kind::kCommand : JitSetting::Kind::kOptimization,
           s.at("text").get<std::string>()});
    }
    o.args = j.value("args", std::vector<std::string>{});
    o.program_name = j.value("program_name", o.program_name);
    const json b = j.value("budgets", json::object());
    o.budgets.instructions = b.value("instructions", o.budgets.instructions);
    o.budgets.wall_seconds = b.value("wall_seconds", o.budgets.wall_seconds);
    o.budgets.memory_bytes = b.value("memory_bytes", o.budgets.memory_bytes);
    o.budgets.output_bytes = b.value("output_bytes", o.budgets.output_bytes);
    o.budgets.timeline_bytes = b.value("timeline_bytes", o.budgets.timeline_bytes);
    for (const json& f : j.value("faults", json::array())) {
      Expected<Fault> fault = ParseFault(f.get<std::string>());
      if (!fault) return Error{fault.error()};
      o.faults.push_back(fault.value());
    }
    Expected<StitchMode> mode = ParseStitchMode(j.value("stitch_mode", "full"));
    if (!mode) return Error{mode.error()};
    o.stitch_mode = mode.value();
    for (const json& f : j.value("unfixed", json::array())) {
      Expected<Finding> finding = ParseFinding(f.get<std::string>());
      if (!finding) return Error{finding.error()};
      o.unfixed.push_back(finding.value());
    }
    if (j.contains("seed")) o.prng_seed = j["seed"].get<uint32_t>();
    o.trace_exec = j.value("trace_exec", true);
    o.capture = j.value("capture", true);
    o.capture_output = j.value("capture_output", true);
    o.echo_output = j.value("echo_output", false);
    return r;
  } catch (const json::exception& e) {
    return Error{std::string("bad engine request: ") + e.what()};
  }
}

}  // namespace ljp
