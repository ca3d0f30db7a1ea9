#!/usr/bin/env python3
"""Writes the benchmark data as CSV for PostgreSQL's COPY, the same every time (fixed seed).

usage: generate-data.py users USERS PASSWORD_HASH                     -> users 2..USERS+1 (1 is the admin)
       generate-data.py models USERS MODELS [FIRST [VERSIONS [tags]]] -> models FIRST..MODELS (default 1), owner
                                                                         (i % USERS) + 2, so each user owns
                                                                         MODELS / USERS of them; model i is the same
                                                                         whatever FIRST is; last_version VERSIONS
                                                                         (default 0): the versions bench/lib.sh gives
                                                                         each model; with "tags", a tags column too

Tags (bench/scale.sh): team:vision|nlp|speech|recsys by i % 4, so team:vision is common (one model in four), and
task:segmentation on one model in 10,000 (rare), task:classification|detection|regression on the others; and
stage:candidate on one model in 100 (the middle case, where neither walking the newest-first index nor sorting all
matches is cheap).
"""
import random
import sys
from datetime import datetime, timedelta, timezone

FRAMEWORKS = ["sklearn", "pytorch", "tensorflow", "xgboost", "lightgbm", "keras", "jax", "catboost"]
START = datetime(2025, 1, 1, tzinfo=timezone.utc)


def stamp(seconds):
    return (START + timedelta(seconds=seconds)).isoformat()


def users(count, password_hash):
    out = sys.stdout
    for i in range(2, count + 2):
        created = stamp(i * 60)
        out.write(f"{i},user{i}@example.com,user{i},{password_hash},t,user,0,{created},{created}\n")


TEAMS = ["vision", "nlp", "speech", "recsys"]
TASKS = ["classification", "detection", "regression"]


def tags(i):
    task = "segmentation" if i % 10000 == 0 else TASKS[i % len(TASKS)]
    stage = ', ""stage"": ""candidate""' if i % 100 == 50 else ""
    # a JSON object in one CSV field: quoted, inner quotes doubled
    return '"{""task"": ""%s"", ""team"": ""%s""%s}"' % (task, TEAMS[i % len(TEAMS)], stage)


def models(user_count, count, first, versions, with_tags):
    rng = random.Random(42)
    out = sys.stdout
    for i in range(1, count + 1):
        # a spread of accuracies: one in ten models has none
        accuracy = "" if rng.random() < 0.1 else f"{rng.betavariate(5, 2):.4f}"
        created = stamp(user_count * 60 + i * 7)
        owner = (i % user_count) + 2
        framework = FRAMEWORKS[rng.randrange(len(FRAMEWORKS))]
        if i < first:
            continue
        extra = "," + tags(i) if with_tags else ""
        out.write(f"{i},model-{i}-{framework},{framework},{accuracy},{owner},{created},{created},{versions}{extra}\n")


if __name__ == "__main__":
    if sys.argv[1] == "users":
        users(int(sys.argv[2]), sys.argv[3])
    else:
        models(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 1,
               int(sys.argv[5]) if len(sys.argv) > 5 else 0, len(sys.argv) > 6 and sys.argv[6] == "tags")
