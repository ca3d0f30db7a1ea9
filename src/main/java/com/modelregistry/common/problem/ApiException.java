package com.modelregistry.common.problem;

import java.util.List;

/** A domain failure that the client caused or must know about; common/http/ProblemMapper answers it as a problem. */
public abstract class ApiException extends RuntimeException {

    private final List<Violation> violations;

    protected ApiException(String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.violations = violations;
    }

    public abstract int status();

    public List<Violation> violations() {
        return violations;
    }
}
