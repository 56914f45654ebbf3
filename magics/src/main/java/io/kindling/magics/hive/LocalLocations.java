package io.kindling.magics.hive;

import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.thrift.TBase;
import org.apache.thrift.TFieldIdEnum;
import org.apache.thrift.meta_data.FieldMetaData;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * The local metastore's answers with every location on this machine's disk written {@code local:///path}, and its
 * requests with them written {@code file:/path} again, so the database keeps what Spark and Hive always wrote.
 * <p>
 * Why: Trino 476's Hive connector (the local Trino's {@code hive} catalog) reads local files only through its own
 * file system, which names files {@code local:///path} and skips every file whose directory is not written the same
 * way as the table's or partition's location; it has no {@code file:} support (its Hadoop file systems are not on
 * Maven Central). Spark reads {@code local:} through {@link LocalSchemeFileSystem}.
 * <pre>
 * ThriftHiveMetastore.Iface shown = LocalLocations.shownAsLocal(handler);   // serve this one
 * </pre>
 */
final class LocalLocations implements InvocationHandler {
    private static final Set<String> LOCATION_FIELDS = Set.of("location", "locationUri", "managedLocationUri");

    private final ThriftHiveMetastore.Iface handler;

    private LocalLocations(ThriftHiveMetastore.Iface handler) {
        this.handler = requireNonNull(handler, "handler is null");
    }

    static ThriftHiveMetastore.Iface shownAsLocal(ThriftHiveMetastore.Iface handler) {
        return (ThriftHiveMetastore.Iface) Proxy.newProxyInstance(ThriftHiveMetastore.Iface.class.getClassLoader(),
                new Class<?>[]{ThriftHiveMetastore.Iface.class}, new LocalLocations(handler));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (args != null) {
            for (Object arg : args) {
                rewrite(arg, LocalLocations::asFile);
            }
        }
        try {
            return rewrite(method.invoke(handler, args), LocalLocations::asLocal);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** {@code file:/x}, {@code file:///x} and {@code local:/x} as {@code local:///x}; other locations unchanged. */
    static String asLocal(String location) {
        return onDisk(location) ? LocalSchemeFileSystem.SCHEME + "://" + URI.create(location).getRawPath() : location;
    }

    /** {@code local:} locations as {@code file:/x}; other locations unchanged. */
    static String asFile(String location) {
        return location.startsWith(LocalSchemeFileSystem.SCHEME + ":") ? "file:" + URI.create(location).getRawPath() : location;
    }

    private static boolean onDisk(String location) {
        if (!location.startsWith("file:/") && !location.startsWith(LocalSchemeFileSystem.SCHEME + ":/")) {
            return false;
        }
        String authority = URI.create(location).getRawAuthority();
        return authority == null || authority.isEmpty();
    }

    /** Rewrites the location fields of thrift structures in {@code value}, however deep; returns {@code value}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object rewrite(Object value, UnaryOperator<String> location) {
        if (value instanceof TBase struct) {
            Map<? extends TFieldIdEnum, FieldMetaData> fields = FieldMetaData.getStructMetaDataMap(struct.getClass());
            for (TFieldIdEnum field : fields.keySet()) {
                Object fieldValue = struct.getFieldValue(field);
                if (fieldValue instanceof String text && LOCATION_FIELDS.contains(field.getFieldName())) {
                    struct.setFieldValue(field, location.apply(text));
                } else if (fieldValue != null) {
                    rewrite(fieldValue, location);
                }
            }
        } else if (value instanceof Collection<?> items) {
            items.forEach(item -> rewrite(item, location));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> rewrite(item, location));
        }
        return value;
    }
}
