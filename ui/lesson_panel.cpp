// The lesson player (AppShell's lesson part): "Start here", the lesson panel
// beside the panes, steps that run the program as they need and move the
// cursor to their event, and exercises checked on the reader's run.
#include <algorithm>

#include "app_shell.h"
#include "imgui.h"
#include "pane_style.h"
#include "panes.h"

namespace ljp::ui {
namespace {

const ljp::Lesson* FindLesson(const std::vector<ljp::Lesson>& lessons, const std::string& name) {
  for (const ljp::Lesson& l : lessons)
    if (l.name == name || l.name.ends_with("-" + name)) return &l;
  return nullptr;
}

// Paragraphs wrapped to the panel; fenced code as it is.
void LessonText(const std::string& text) {
  ImGui::PushTextWrapPos(0);
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find("\n\n", at);
    if (end == std::string::npos) end = text.size();
    const std::string paragraph = text.substr(at, end - at);
    if (paragraph.starts_with("```")) {
      ImGui::PushStyleColor(ImGuiCol_Text, Colors().dim);
      ImGui::TextUnformatted(paragraph.c_str());
      ImGui::PopStyleColor();
    } else {
      std::string joined = paragraph;  // Markdown's line breaks are spaces
      std::replace(joined.begin(), joined.end(), '\n', ' ');
      ImGui::TextUnformatted(joined.c_str());
    }
    ImGui::Spacing();
    at = end + 2;
  }
  ImGui::PopTextWrapPos();
}

}  // namespace

bool AppShell::OpenLesson(const std::string& name, size_t step) {
  const ljp::Lesson* found = FindLesson(lessons_, name);
  if (!found || !host_.program_request) {
    load_error_ = "no lesson " + name;
    return false;
  }
  Expected<EngineRequest> r = host_.program_request(found->program, found->chunkname, {});
  if (!r) {
    load_error_ = r.error();
    return false;
  }
  main_.engine->StopAndDiscard();
  other_.engine->StopAndDiscard();
  comparing_ = false;
  load_error_.clear();
  path_ = found->chunkname;
  file_request_ = std::move(r).value();
  about_ = DescribeExample(file_request_->source);
  header_settings_ = RunSettingsFrom(file_request_->options);
  settings_ = header_settings_;
  for (RunSlot* s : {&main_, &other_}) {
    s->request.reset();
    s->have_timeline = s->finished = s->stopped = s->failed = false;
    s->status.clear();
    s->view.editor = SourceEditor{};
  }
  lesson_.emplace();
  lesson_->lesson = *found;
  GoToLessonStep(std::min(step, found->steps.size() - 1));
  return true;
}

void AppShell::StepLesson(int delta) {
  if (!lesson_) return;
  const long to = static_cast<long>(lesson_->step) + delta;
  if (to < 0 || to >= static_cast<long>(lesson_->lesson.steps.size())) return;
  GoToLessonStep(static_cast<size_t>(to));
}

void AppShell::GoToLessonStep(size_t step) {
  LessonPlay& play = *lesson_;
  play.step = step;
  play.verdict.clear();
  play.failed_checks = 0;
  const ljp::LessonStep& s = play.lesson.steps[step];
  main_.view.highlight = s.panes;
  main_.view.select_highlighted = true;
  if (s.exercise) return;  // the reader edits and runs
  const std::string key = RunOptionsText(s.run_options);
  if (play.run_key == key && main_.have_timeline && !main_.Busy() && !main_.view.editor.edited) {
    ShowLessonStep();
    return;
  }
  Expected<EngineRequest> r =
      host_.program_request(play.lesson.program, play.lesson.chunkname, s.run_options);
  if (!r) {
    main_.status = r.error();
    return;
  }
  main_.engine->StopAndDiscard();
  main_.view.editor = SourceEditor{};  // the lesson's own program
  settings_ = RunSettingsFrom(r.value().options);
  play.run_key = key;
  play.waiting = true;
  Start(main_, std::move(r).value());
}

void AppShell::ShowLessonStep() {
  LessonPlay& play = *lesson_;
  const ljp::LessonStep& s = play.lesson.steps[play.step];
  if (play.waiting && s.target) {
    if (const std::optional<size_t> at = FindEvent(main_.timeline, *s.target))
      main_.view.cursor = *at;
    else
      main_.status += " (this step's event is not in the run: " + s.target->text + ")";
  }
  play.waiting = false;
  main_.view.highlight = s.panes;
  main_.view.select_highlighted = true;
  prefs_.layout.maximized.clear();
}

void AppShell::CheckExercise() {
  if (!lesson_ || !main_.have_timeline) return;
  const ljp::LessonStep& s = lesson_->lesson.steps[lesson_->step];
  if (!s.exercise) return;
  const std::string failed = ExerciseVerdict(s, main_.timeline);
  lesson_->verdict = failed.empty() ? "passed" : failed;
  if (!failed.empty()) ++lesson_->failed_checks;
}

void AppShell::DrawLessonList() {
  if (lessons_.empty()) return;
  ImGui::SetNextItemOpen(true, ImGuiCond_Once);
  if (!ImGui::CollapsingHeader("Start here: lessons")) return;
  for (const ljp::Lesson& l : lessons_) {
    ImGui::PushID(l.name.c_str());
    if (ImGui::Selectable(l.title.c_str())) OpenLesson(l.name);
    ImGui::SetItemTooltip("%s", l.summary.c_str());
    ImGui::PopID();
  }
  ImGui::Spacing();
}

void AppShell::DrawLessonPanel() {
  LessonPlay& play = *lesson_;
  const ljp::LessonStep& s = play.lesson.steps[play.step];
  const size_t count = play.lesson.steps.size();
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(Colors().title, "Lesson: %s", play.lesson.title.c_str());
  ImGui::PopTextWrapPos();
  char progress[64];
  std::snprintf(progress, sizeof(progress), "Step %zu of %zu", play.step + 1, count);
  ImGui::ProgressBar(static_cast<float>(play.step + 1) / count, ImVec2(-1, 0), progress);
  ImGui::BeginDisabled(play.step == 0);
  if (ImGui::Button("< Back")) StepLesson(-1);
  ImGui::EndDisabled();
  ImGui::SetItemTooltip("Ctrl+Left");
  ImGui::SameLine();
  ImGui::BeginDisabled(play.step + 1 == count);
  if (ImGui::Button("Next >")) StepLesson(+1);
  ImGui::EndDisabled();
  ImGui::SetItemTooltip("Ctrl+Right");
  ImGui::SameLine();
  if (ImGui::Button("Close lesson")) {
    CloseLesson();
    return;
  }
  ImGui::Separator();
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(Colors().title, "%s", s.title.c_str());
  ImGui::PopTextWrapPos();
  LessonText(s.text);
  const std::string run = RunOptionsText(s.run_options);
  if (play.waiting) {
    ImGui::TextColored(Colors().dim, "Running the program%s...",
                       run.empty() ? "" : (" with " + run).c_str());
  } else if (!run.empty() && !s.exercise) {
    ImGui::TextColored(Colors().dim, "(run with %s)", run.c_str());
  }
  if (s.exercise) {
    ImGui::TextColored(Colors().dim,
                       "Edit the program (Edit in the source pane), run it (F5): "
                       "the run is checked when it ends.");
    if (ImGui::Button("Check the run")) CheckExercise();
    ImGui::SameLine();
    if (ImGui::Button("Show the solution")) {
      main_.view.editor.text = s.solution;
      main_.view.editor.edited = main_.view.editor.editing = true;
    }
    if (play.verdict == "passed") {
      ImGui::TextColored(Colors().good, "Passed: the run has what the exercise asks for.");
    } else if (!play.verdict.empty()) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(Colors().warn, "Not yet: %s.", play.verdict.c_str());
      if (!s.hint.empty()) ImGui::TextColored(Colors().title, "Hint: %s", s.hint.c_str());
      ImGui::PopTextWrapPos();
    }
  }
  ImGui::Separator();
}

}  // namespace ljp::ui
