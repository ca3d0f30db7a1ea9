-- Shared by every scenario: the bearer token and the id ranges come from the environment that bench/run.sh sets.
token = os.getenv("BENCH_TOKEN")
models = tonumber(os.getenv("BENCH_MODELS"))
users = tonumber(os.getenv("BENCH_USERS"))
frameworks = {"sklearn", "pytorch", "tensorflow", "xgboost", "lightgbm", "keras", "jax", "catboost"}
wrk.headers["Authorization"] = "Bearer " .. token

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

-- user ids 2..users+1 are the loaded users (1 is the admin); each owns 10 models
function s1() return wrk.format("GET", "/models/" .. math.random(1, models)) end
function s2() return wrk.format("GET", "/models?framework=" .. frameworks[math.random(1, #frameworks)] .. "&size=20") end
function s3() return wrk.format("GET", "/users/" .. math.random(2, users + 1) .. "?expand=models") end
-- every loaded model has versions and a production alias (bench/lib.sh, load_versions)
function s6() return wrk.format("GET", "/models/" .. math.random(1, models) .. "/aliases/production") end
function s4()
  local body = string.format('{"name":"bench-%d","framework":"%s","accuracy":%.3f}',
    math.random(1, 1000000), frameworks[math.random(1, #frameworks)], math.random())
  return wrk.format("POST", "/users/" .. math.random(2, users + 1) .. "/models",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

-- BENCH_DELAY_MS: a mean pause before each request on a connection, for a paced load below saturation (run.sh's
-- half-peak runs); spread from half to one and a half times it so that connections do not move in step
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
if pause > 0 then
  function delay() return pause * (0.5 + math.random()) end
end
