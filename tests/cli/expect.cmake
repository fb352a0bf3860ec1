# Runs one vtsim command line and checks its exit status and that stderr (or stdout) matches.
# -DCMD="a;b;c" -DSTATUS=N -DMATCH=regex [-DSTREAM=stdout]
execute_process(COMMAND ${CMD} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc STREQUAL STATUS)
  message(FATAL_ERROR "exit status ${rc}, expected ${STATUS}\nstdout: ${out}\nstderr: ${err}")
endif()
if(STREAM STREQUAL "stdout")
  set(text "${out}")
else()
  set(text "${err}")
endif()
if(NOT text MATCHES "${MATCH}")
  message(FATAL_ERROR "output does not match '${MATCH}'\nstdout: ${out}\nstderr: ${err}")
endif()
