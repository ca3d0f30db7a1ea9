package com.modelregistry.common;

/** The addressed resource does not exist. */
public class NotFoundException extends ApiException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " does not exist", null);
    }

    @Override
    public int status() {
        return 404;
    }
}
