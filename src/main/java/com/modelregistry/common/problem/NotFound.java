package com.modelregistry.common.problem;

/** The addressed resource does not exist. */
public class NotFound extends ApiException {

    public NotFound(String what, Object id) {
        super(what + " " + id + " does not exist", null);
    }

    @Override
    public int status() {
        return 404;
    }
}
