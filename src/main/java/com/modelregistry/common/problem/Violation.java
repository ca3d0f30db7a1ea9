package com.modelregistry.common.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One rejected input: the JSON property or query parameter it concerns, and what is wrong with it. */
@RegisterForReflection
public record Violation(String field, String message) {
}
