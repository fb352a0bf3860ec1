# Runs the demo ROM and compares its serial output with the expected file; status must be 0.
execute_process(COMMAND ${VTSIM} run --rom ${ROM} --max-insns 100000
                OUTPUT_VARIABLE out RESULT_VARIABLE rc)
file(READ ${EXPECTED} want)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "vtsim exited with ${rc}, expected 0\n${out}")
endif()
if(NOT out STREQUAL want)
  message(FATAL_ERROR "serial output differs\n--- expected\n${want}--- got\n${out}")
endif()
