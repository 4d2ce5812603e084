#!/bin/bash
# Headless test of `ljplay gui`: under Xvfb, open the snapshot-limit stitch case,
# move to the stitch's inserted continuation, take a screenshot while the window
# is up, and check the stack pane's text and that the screenshot is not blank.
# Then run the IR-constant case in the unprotected mode, where the engine trips
# LuaJIT's assertion: the window must report "engine stopped" and exit 0.
# Then the machine code pane of the stitch chain must show x86-64 instructions
# (when the build has Capstone). Last, the layout at 1280x720, 1366x768 and
# 1920x1080 (screenshots in OUT_DIR), and a recorded timeline opened.
# Usage: run_gui_test.sh LJPLAY EXAMPLES_DIR OUT_DIR
set -eu
ljplay=$1 examples=$2 out=$3
mkdir -p "$out"
shot="$out/gui_stack.png" dump="$out/gui_stack.txt"
broken_shot="$out/gui_engine_stopped.png" broken_dump="$out/gui_engine_stopped.txt"
broken_err="$out/gui_engine_stopped.err"
mcode_dump="$out/gui_mcode.txt"
rm -f "$shot" "$dump" "$broken_shot" "$broken_dump" "$broken_err" "$mcode_dump"
for tool in xvfb-run import convert; do
  command -v "$tool" >/dev/null || { echo "missing $tool (scripts/install-deps.sh)"; exit 1; }
done
# Mesa's and X11's allocations are not ours to check in sanitizer builds.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
# The app remembers settings under $XDG_CONFIG_HOME; keep the user's out of it.
export XDG_CONFIG_HOME="$out/config"

# The window stays up for 3 s after the timeline arrived (time, not frames);
# the screenshot is taken 2.5 s after launch, while it is certainly up.
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  cd "$1"
  "$2" gui maxsnap_stitch.lua --step-to-stitch --dump-pane stack --screenshot-after 3 >"$3" &
  app=$!
  sleep 2.5
  import -window root "$4" || echo "import failed"
  wait $app
' _ "$examples" "$ljplay" "$dump" "$shot"

broken_status=0
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  cd "$1"
  "$2" gui ir_const_stitch.lua --stitch-mode unprotected --dump-pane stack \
    --screenshot-after 3 >"$3" 2>"$5" &
  app=$!
  sleep 2.5
  import -window root "$4" || echo "import failed"
  wait $app
' _ "$examples" "$ljplay" "$broken_dump" "$broken_shot" "$broken_err" || broken_status=$?

mcode_status=0
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  cd "$1"
  "$2" gui stitch_chain.lua --dump-pane mcode --screenshot-after 1 >"$3"
' _ "$examples" "$ljplay" "$mcode_dump" || mcode_status=$?

# The layout at common window sizes: the source pane shows at least 60
# columns and no table's header is cut (ljplay gui --dump-layout), with a
# screenshot of each.
layout_status=0
for size in 1280x720 1366x768 1920x1080; do
  xvfb-run -a -s "-screen 0 ${size}x24" bash -c '
    cd "$1"
    "$2" gui stitch_chain.lua --window-size "$3" --step-to-stitch --dump-layout \
      --screenshot-after 2 >"$4" &
    app=$!
    sleep 1.5
    import -window root "$5" || echo "import failed"
    wait $app
  ' _ "$examples" "$ljplay" "$size" "$out/gui-layout-$size.json" "$out/gui-layout-$size.png" ||
    layout_status=$?
done

# A timeline recorded with `ljplay run --timeline` opens in the window.
timeline="$out/stitch_chain.jsonl" timeline_dump="$out/gui_timeline_graph.txt"
(cd "$examples" && "$ljplay" run stitch_chain.lua --timeline "$timeline" >/dev/null)
timeline_status=0
xvfb-run -a -s "-screen 0 1280x800x24" "$ljplay" gui "$timeline" --dump-pane graph \
  --screenshot-after 1 >"$timeline_dump" 2>"$out/gui_timeline.err" || timeline_status=$?

status=0
for size in 1280x720 1366x768 1920x1080; do
  layout=$(tail -1 "$out/gui-layout-$size.json")
  columns=$(printf '%s' "$layout" | grep -o '"source_columns":[0-9]*' | cut -d: -f2)
  if [ "$layout_status" -eq 0 ] && [ "${columns:-0}" -ge 60 ] &&
     printf '%s' "$layout" | grep -q '"cut_headers":\[\]'; then
    echo "ok: $size: the source pane shows $columns columns, no table header is cut"
  else
    echo "FAIL: $size (exit $layout_status): $layout"; status=1
  fi
  if [ -s "$out/gui-layout-$size.png" ] &&
     [ "$(convert "$out/gui-layout-$size.png" -format %k info:)" -gt 20 ]; then
    echo "ok: $size: screenshot $out/gui-layout-$size.png"
  else
    echo "FAIL: $size: no screenshot"; status=1
  fi
done
if [ "$timeline_status" -eq 0 ] && grep -q "^edge stitch 1 -> 2 " "$timeline_dump" &&
   grep -q "^edge stitch 2 -> 3 " "$timeline_dump" &&
   grep -q "stitch_chain.jsonl (recorded by LuaJIT" "$out/gui_timeline.err"; then
  echo "ok: ljplay gui FILE.jsonl shows a recorded timeline (its stitched traces 1 -> 2 -> 3)"
else
  echo "FAIL: ljplay gui FILE.jsonl (exit $timeline_status):"
  cat "$timeline_dump" "$out/gui_timeline.err"; status=1
fi
if grep -q "lj_cont_stitch" "$dump"; then
  echo "ok: the stack pane names the stitch continuation"
else
  echo "FAIL: the stack pane does not name lj_cont_stitch:"; cat "$dump"; status=1
fi
if [ -s "$shot" ]; then
  colours=$(convert "$shot" -format %k info:)
  if [ "$colours" -gt 20 ]; then
    echo "ok: the screenshot has $colours colours ($shot)"
  else
    echo "FAIL: the screenshot looks blank ($colours colours)"; status=1
  fi
else
  echo "FAIL: no screenshot"; status=1
fi
if [ "$broken_status" -eq 0 ] && grep -q "engine stopped: LuaJIT ASSERT" "$broken_err"; then
  echo "ok: unprotected ir_const_stitch: the window reported the engine's assertion and exited 0"
else
  echo "FAIL: unprotected ir_const_stitch: exit $broken_status, stderr:"; cat "$broken_err"; status=1
fi
if grep -q "^stitch before" "$broken_dump"; then
  echo "ok: the stack pane shows the stitch where the engine stopped"
else
  echo "FAIL: the stack pane is not at the failed stitch:"; cat "$broken_dump"; status=1
fi
if [ -s "$broken_shot" ] && [ "$(convert "$broken_shot" -format %k info:)" -gt 20 ]; then
  echo "ok: screenshot of the stopped engine ($broken_shot)"
else
  echo "FAIL: no screenshot of the stopped engine"; status=1
fi
if grep -q "no disassembler in this build" "$mcode_dump"; then
  echo "skip: this build has no Capstone (the machine code pane says so)"
elif [ "$mcode_status" -eq 0 ] &&
  grep -Eq "  (mov|movsd|lea|cmp|test|jmp|jne|je|add|sub|call|ucomisd)( |$)" "$mcode_dump"; then
  echo "ok: the machine code pane shows x86-64 instructions of stitch_chain.lua"
else
  echo "FAIL: no x86-64 instruction in the machine code pane (exit $mcode_status):"
  head -20 "$mcode_dump"; status=1
fi
exit $status
