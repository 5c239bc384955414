/**
 * The file library every adapter that touches the local disk shares, so that the sandbox is one piece of code and each
 * tool's idea of a file (its walk, glob, search, edit and text decoding) is the same whichever server it replaces.
 *
 * <p>The sandbox: {@link dev.mcpbridge.lib.files.PathGuard} checks a path the model chose against the allowed
 * directories ({@link dev.mcpbridge.lib.files.AllowedDirectories}, which a client's roots may narrow), and {@link
 * dev.mcpbridge.lib.files.HeldFiles}, {@link dev.mcpbridge.lib.files.HeldDirectories} and {@link
 * dev.mcpbridge.lib.files.GuardedFiles} then use it by handle, never by name, so that what was checked is what is
 * used. {@link dev.mcpbridge.lib.files.SafeWrites} writes atomically and never through a link.
 */
package dev.mcpbridge.lib.files;
