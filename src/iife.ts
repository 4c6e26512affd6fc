/**
 * The one-file build for a classic `<script src=".../billfold.iife.js">`: registers
 * `<billfold-portal>` on load. It adds no window globals; hosts talk to the element.
 */
import { defineBillfoldPortal } from './element/define.ts';

defineBillfoldPortal();
