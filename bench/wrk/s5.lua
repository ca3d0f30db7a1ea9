dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
-- 90% reads spread over S1-S3, 10% writes (S4)
request = function()
  local roll = math.random(1, 100)
  if roll <= 30 then return s1() elseif roll <= 60 then return s2() elseif roll <= 90 then return s3() end
  return s4()
end
