package com.modelregistry.common.paging;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.function.Function;

/** One page of a list, with the total count of the whole list. */
@RegisterForReflection
public record Page<T>(List<T> items, int page, int size, long total, long totalPages) implements Listing<T> {

    public static <E, T> Page<T> of(List<E> entities, Function<E, T> view, PageRequest request, long total) {
        long totalPages = (total + request.size() - 1) / request.size();
        return new Page<>(entities.stream().map(view).toList(), request.page(), request.size(), total, totalPages);
    }
}
