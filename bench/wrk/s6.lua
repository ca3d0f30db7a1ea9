dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
request = function() return s6() end
