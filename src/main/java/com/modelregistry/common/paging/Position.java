package com.modelregistry.common.paging;

/** Where a slice starts: just after the row with this sort key (null for a row without one) and this id. */
public record Position(Object key, long id) {
}
