package com.modelregistry.common.problem;

import java.util.List;

/** The request clashes with data that already exists, such as a taken email. */
public class Conflict extends ApiException {

    public Conflict(String field, String message) {
        super(field + " " + message, List.of(new Violation(field, message)));
    }

    @Override
    public int status() {
        return 409;
    }
}
