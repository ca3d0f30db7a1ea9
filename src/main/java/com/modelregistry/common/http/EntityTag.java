package com.modelregistry.common.http;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A row's version as an HTTP entity tag, and the If-Match precondition a client sends back: {@code *} (the resource
 * exists) or a list of tags, compared strongly as RFC 9110 wants for If-Match: a weak tag (W/"3") never matches, and
 * tags match only character for character ("03" is not "3"). Several If-Match fields make one list, as RFC 9110 says
 * of a repeated list field. A header that names no tag this service made can match nothing, so it fails the
 * precondition rather than being ignored.
 */
public final class EntityTag {

    public static final String HEADER = "ETag";
    public static final String IF_MATCH = "Only change the resource if its ETag is still this one (or *); 412 if not";
    private static final Pattern TAG = Pattern.compile("\\s*\"(0|[1-9][0-9]{0,17})\"\\s*");

    private final boolean any;
    private final Set<String> versions;

    private EntityTag(boolean any, Set<String> versions) {
        this.any = any;
        this.versions = versions;
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The precondition of the request's If-Match fields, or null when it has none. */
    public static EntityTag ifMatch(List<String> fields) {
        if (fields == null || fields.isEmpty()) {
            return null;
        }
        String header = String.join(",", fields);
        if (header.trim().equals("*")) {
            return new EntityTag(true, Set.of());
        }
        Set<String> versions = new HashSet<>();
        for (String part : header.split(",", 64)) {
            Matcher tag = TAG.matcher(part);
            if (tag.matches()) {
                versions.add(tag.group(1));
            }
        }
        return new EntityTag(false, versions);
    }

    public boolean matches(long version) {
        return any || versions.contains(Long.toString(version));
    }
}
