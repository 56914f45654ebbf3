/**
 * The contract between the kernel and every magic: how a magic describes itself ({@link MagicSpec}),
 * how its argument line is parsed ({@link MagicArgumentParser}), and the small context it runs in
 * ({@link MagicContext}). Nothing here knows about Jupyter or JShell.
 */
package io.kindling.magics.magic;
