/**
 * {@code transform} and {@code outTransform}: existing Java logic run per group or per partition, in
 * the kernel's JVM or on Spark, with input and output converted as the function's declared types say.
 * The notebook imports {@link io.kindling.magics.transform.Transforms} statically.
 */
package io.kindling.magics.transform;
