# tc_embed(target BASE dir FILES f...) compiles files into a static library as byte arrays, reachable at run
# time by their path relative to BASE through tc::resources::find("src/web/static/style.css").
# Why: the program stays one self-contained file; nothing to install beside it, nothing to lose.
function(tc_embed target)
  cmake_parse_arguments(E "" "BASE" "FILES" ${ARGN})
  set(out_dir ${CMAKE_BINARY_DIR}/embed)
  set(sources)
  set(table "")
  set(i 0)
  foreach(f ${E_FILES})
    file(RELATIVE_PATH rel ${E_BASE} ${f})
    set(cpp ${out_dir}/res_${i}.cpp)
    add_custom_command(OUTPUT ${cpp}
      COMMAND ${CMAKE_COMMAND} -DIN=${f} -DOUT=${cpp} -DSYM=tc_res_${i} -P ${CMAKE_SOURCE_DIR}/cmake/embed_one.cmake
      DEPENDS ${f} ${CMAKE_SOURCE_DIR}/cmake/embed_one.cmake VERBATIM)
    list(APPEND sources ${cpp})
    string(APPEND decls "extern const unsigned char tc_res_${i}[]; extern const std::size_t tc_res_${i}_size;\n")
    string(APPEND table "  {\"${rel}\", {reinterpret_cast<const char*>(tc_res_${i}), tc_res_${i}_size}},\n")
    math(EXPR i "${i}+1")
  endforeach()
  file(WRITE ${out_dir}/index.cpp.in
"#include \"resources.h\"\n#include <cstddef>\n#include <map>\n#include <string>\n${decls}\nnamespace tc::resources {\nnamespace {\nconst std::map<std::string, std::string_view, std::less<>>& table() {\n  static const std::map<std::string, std::string_view, std::less<>> t{\n${table}  };\n  return t;\n}\n}  // namespace\nstd::optional<std::string_view> find(std::string_view path) {\n  auto it = table().find(path);\n  if (it == table().end()) return std::nullopt;\n  return it->second;\n}\nstd::vector<std::string_view> list(std::string_view prefix) {\n  std::vector<std::string_view> out;\n  for (const auto& [k, v] : table()) if (k.starts_with(prefix)) out.push_back(k);\n  return out;\n}\n}  // namespace tc::resources\n")
  configure_file(${out_dir}/index.cpp.in ${out_dir}/index.cpp COPYONLY)
  add_library(${target} STATIC ${out_dir}/index.cpp ${sources})
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/src/resources)
endfunction()
