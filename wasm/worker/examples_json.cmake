# Writes the page's examples.json: {"examples": [{"name": "x.lua", "source": "..."}]}
# for the gallery and the share links (site/app.js reads the header comments).
#   cmake -DOUT=<file> -DFILES=<a.lua;b.lua> -P examples_json.cmake
cmake_minimum_required(VERSION 3.25)

function(json_string out text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\n" "\\n" text "${text}")
  string(REPLACE "\r" "\\r" text "${text}")
  string(REPLACE "\t" "\\t" text "${text}")
  set(${out} "\"${text}\"" PARENT_SCOPE)
endfunction()

set(json "{\"examples\": []}")
set(i 0)
list(SORT FILES)
foreach(file IN LISTS FILES)
  get_filename_component(name "${file}" NAME)
  file(READ "${file}" source)
  json_string(name_json "${name}")
  json_string(source_json "${source}")
  string(JSON json SET "${json}" examples ${i} "{\"name\": ${name_json}, \"source\": ${source_json}}")
  math(EXPR i "${i} + 1")
endforeach()
file(WRITE "${OUT}.tmp" "${json}\n")
file(RENAME "${OUT}.tmp" "${OUT}")
