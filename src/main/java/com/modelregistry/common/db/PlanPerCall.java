package com.modelregistry.common.db;

import java.util.List;

/**
 * Keeps a native select out of Hibernate's query-plan cache. Hibernate Reactive (3.2) keys a native select's plan on
 * a result-set mapping that equals only itself, so every call stores a plan that no later call finds: the cache
 * fills to its bound, evicts the plans of the HQL queries every other request runs, and each lookup compares against
 * every stale key of the same SQL (bench/README, "Issue 14: S6 and scale"). Hibernate builds a native plan per call instead,
 * which is cheap, when a parameter is bound to a list. So a native select binds its key through {@link #key} and
 * writes its placeholder in parentheses, {@code model_id in (?1)}: a one-element list in parentheses leaves the SQL
 * unchanged. {@code PlanCacheTest} fails if the cache misses again.
 */
public final class PlanPerCall {

    private PlanPerCall() {
    }

    public static List<Long> key(long id) {
        return List.of(id);
    }
}
