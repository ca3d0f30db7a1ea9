package com.modelregistry.common;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A row's version as an HTTP entity tag, and the If-Match precondition a client sends back: {@code *} (the resource
 * exists) or a list of tags, compared strongly as RFC 9110 wants for If-Match: a weak tag (W/"3") never matches. A header that names no tag this service made can
 * match nothing, so it fails the precondition rather than being ignored.
 */
public final class EntityTag {

    public static final String HEADER = "ETag";
    public static final String IF_MATCH = "Only change the resource if its ETag is still this one (or *); 412 if not";
    private static final Pattern TAG = Pattern.compile("\\s*\"(\\d{1,18})\"\\s*");

    private final boolean any;
    private final Set<Long> versions;

    private EntityTag(boolean any, Set<Long> versions) {
        this.any = any;
        this.versions = versions;
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The precondition of an If-Match header, or null when the request has none. */
    public static EntityTag ifMatch(String header) {
        if (header == null) {
            return null;
        }
        if (header.trim().equals("*")) {
            return new EntityTag(true, Set.of());
        }
        Set<Long> versions = new HashSet<>();
        for (String part : header.split(",", 64)) {
            Matcher tag = TAG.matcher(part);
            if (tag.matches()) {
                versions.add(Long.parseLong(tag.group(1)));
            }
        }
        return new EntityTag(false, versions);
    }

    public boolean matches(long version) {
        return any || versions.contains(version);
    }
}
