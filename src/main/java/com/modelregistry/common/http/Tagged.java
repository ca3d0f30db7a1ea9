package com.modelregistry.common.http;

import org.jboss.resteasy.reactive.RestResponse;

/** A view of one row with the row's version, which the resource sends as the ETag header. */
public record Tagged<T>(T view, long version) {

    public RestResponse<T> ok() {
        return RestResponse.ResponseBuilder.ok(view).header(EntityTag.HEADER, EntityTag.of(version)).build();
    }
}
