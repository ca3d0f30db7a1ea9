#!/usr/bin/env python3
"""Writes the benchmark data as CSV for PostgreSQL's COPY, the same every time (fixed seed).

usage: generate-data.py users USERS PASSWORD_HASH                 -> users 2..USERS+1 (1 is the admin)
       generate-data.py models USERS MODELS [FIRST [VERSIONS]]    -> models FIRST..MODELS (default 1), owner
                                                                     (i % USERS) + 2, so each user owns MODELS / USERS
                                                                     of them; model i is the same whatever FIRST is;
                                                                     last_version VERSIONS (default 0): the versions
                                                                     bench/lib.sh gives each model
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


def models(user_count, count, first, versions):
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
        out.write(f"{i},model-{i}-{framework},{framework},{accuracy},{owner},{created},{created},{versions}\n")


if __name__ == "__main__":
    if sys.argv[1] == "users":
        users(int(sys.argv[2]), sys.argv[3])
    else:
        models(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 1,
               int(sys.argv[5]) if len(sys.argv) > 5 else 0)
