package com.modelregistry.common.problem;

import java.util.Comparator;
import java.util.List;

/** Input that fails a rule which bean validation cannot express, such as a malformed query parameter. */
public class InvalidInput extends ApiException {

    public InvalidInput(List<Violation> violations) {
        super("The request has invalid input", violations.stream()
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList());
    }

    @Override
    public int status() {
        return 400;
    }
}
