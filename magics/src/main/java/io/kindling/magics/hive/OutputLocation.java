package io.kindling.magics.hive;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Where one cell's result goes, written so that nothing incomplete ever looks complete: the files go
 * to a hidden staging directory beside the target ({@code .name.staging-<id>}, which readers of the
 * parent skip), and only a finished write is renamed to the target. A failed or interrupted write
 * leaves nothing behind.
 *
 * @param target    the directory the result ends up in
 * @param overwrite whether an existing target is replaced once the new result is complete
 */
record OutputLocation(URI target, boolean overwrite) {
    OutputLocation {
        requireNonNull(target, "target is null");
        String text = target.toString();
        // A directory's file URI ends in '/', which Hadoop would read as a file named "".
        if (text.endsWith("/") && text.length() > 1) {
            target = URI.create(text.replaceAll("/+$", ""));
        }
    }

    /** The staging directory of one write; {@link #commit} or {@link #abort} it. */
    Staging stage(Configuration hadoop) {
        Path final_ = new Path(target);
        try {
            FileSystem fs = final_.getFileSystem(hadoop);
            if (fs.exists(final_) && !overwrite) {
                throw new MagicError(ErrorName.OUTPUT_EXISTS, "the output " + target
                        + " already exists; pass --overwrite to replace it once the new result is complete, or choose another --out");
            }
            Path staging = new Path(final_.getParent(), "." + final_.getName() + ".staging-" + UUID.randomUUID().toString().substring(0, 8));
            fs.mkdirs(final_.getParent());
            return new Staging(fs, staging, final_);
        } catch (IOException e) {
            throw new MagicError(ErrorName.OUTPUT_UNWRITABLE, "cannot write the output " + target + ": " + e.getMessage(),
                    java.util.List.of(), e);
        }
    }

    /** One write in progress. */
    record Staging(FileSystem fs, Path staging, Path target) {
        URI uri() {
            return staging.toUri();
        }

        /** Moves the complete result to the target, replacing an old one when overwriting. */
        void commit() {
            try {
                if (fs.exists(target) && !fs.delete(target, true)) {
                    throw new IOException("could not delete the old " + target);
                }
                if (!fs.rename(staging, target)) {
                    throw new IOException("could not rename " + staging + " to " + target);
                }
            } catch (IOException e) {
                abort();
                throw new MagicError(ErrorName.OUTPUT_UNWRITABLE, "the result was written but could not be moved to "
                        + target + ": " + e.getMessage(), java.util.List.of(), e);
            }
        }

        /** Deletes whatever the write left. */
        void abort() {
            try {
                fs.delete(staging, true);
            } catch (IOException e) {
                // Hidden (a dot name) and never renamed, so no reader takes it for a result.
            }
        }
    }
}
