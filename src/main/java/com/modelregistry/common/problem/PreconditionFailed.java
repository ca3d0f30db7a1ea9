package com.modelregistry.common.problem;

import java.util.List;

/** If-Match named a version that is no longer the current one: the client would overwrite a change it has not seen. */
public class PreconditionFailed extends ApiException {

    public PreconditionFailed(String resource, long id) {
        super(resource + " " + id + " was changed since the If-Match tag was read; read it again and retry",
                List.of(new Violation("If-Match", "is not the current ETag")));
    }

    @Override
    public int status() {
        return 412;
    }
}
