package com.modelregistry.common;

/** One rejected input: the JSON property or query parameter it concerns, and what is wrong with it. */
public record Violation(String field, String message) {
}
