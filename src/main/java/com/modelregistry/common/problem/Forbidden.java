package com.modelregistry.common.problem;

/** The caller is known but may not do this. */
public class Forbidden extends ApiException {

    public Forbidden(String detail) {
        super(detail, null);
    }

    @Override
    public int status() {
        return 403;
    }
}
