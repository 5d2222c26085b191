# nnsweep_plugin_sources(LIST DIR OUT): the source DIR/kind/name.cpp of every
# NNSWEEP_PLUGIN(kind, name) line of the plugin list LIST, in its order. An
# edit of the list configures the build again.
function(nnsweep_plugin_sources list dir out)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${list})
  file(STRINGS ${list} lines REGEX "^NNSWEEP_PLUGIN\\(")
  set(sources)
  foreach(line IN LISTS lines)
    if(NOT line MATCHES "^NNSWEEP_PLUGIN\\(([a-z_0-9]+), *([a-z_0-9]+)\\)$")
      message(FATAL_ERROR "${list}: '${line}' is not NNSWEEP_PLUGIN(kind, name)")
    endif()
    list(APPEND sources ${dir}/${CMAKE_MATCH_1}/${CMAKE_MATCH_2}.cpp)
  endforeach()
  set(${out} ${sources} PARENT_SCOPE)
endfunction()
