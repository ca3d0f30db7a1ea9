dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
request = function() return s1() end
